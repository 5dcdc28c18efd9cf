package io.tributary.connectors;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the {@code <prefix>rules.actions} topic in the {@link ConnectorOptions#groupId()} group
 * and executes each batch of invocations concurrently; offsets are committed only once every
 * invocation of the batch is done (its actions succeeded, or failed and the error action ran), so
 * a crash repeats work instead of losing it: at-least-once. Reads committed records only, so an
 * invocation exists only if the rules job's transaction that wrote it committed.
 *
 * <pre>{@code
 * try (ConnectorWorker worker = ConnectorWorker.start(ConnectorOptions.of(bootstrap, config.kafka, nodeId))) {
 *   ...
 * }
 * }</pre>
 */
public final class ConnectorWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorWorker.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final InvocationExecutor executor;
  private final PlatformWriter platform;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;

  private ConnectorWorker(ConnectorOptions options) {
    String topic = options.kafka().topics().ruleActions();
    this.consumer = new KafkaConsumer<>(consumerProperties(options));
    this.platform = new ProducerWriter(producerProperties(options));
    this.executor = new InvocationExecutor(platform, options.kafka().topics().messages(), options.nodeId(),
        options.retry(), HttpClient.newBuilder().connectTimeout(options.retry().requestTimeout()).build(),
        options.clock(), new ConnectorMetrics());
    consumer.subscribe(List.of(topic));
    this.thread = new Thread(this::run, "tributary-connectors");
    thread.setDaemon(true);
  }

  /** Starts a worker on its own thread; the actions topic must exist. */
  public static ConnectorWorker start(ConnectorOptions options) {
    ConnectorWorker worker = new ConnectorWorker(options);
    worker.thread.start();
    return worker;
  }

  public ConnectorMetrics metrics() {
    return executor.metrics();
  }

  /** True while the consuming thread runs. */
  public boolean isRunning() {
    return thread.isAlive();
  }

  private void run() {
    try {
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        if (records.isEmpty()) {
          continue;
        }
        List<CompletableFuture<List<Failure>>> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
          try {
            batch.add(executor.execute(InvocationCodec.decode(record.value())));
          } catch (IllegalArgumentException e) {
            executor.metrics().malformedInvocations.increment();
            LOG.warn("Skipping a malformed action invocation at {}-{}@{}: {}", record.topic(), record.partition(),
                record.offset(), e.getMessage());
          }
        }
        CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
        consumer.commitSync();
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("Connector worker woken up unexpectedly", e);
      }
    } catch (RuntimeException e) {
      LOG.error("Connector worker stopped on an unexpected error", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      stopped.countDown();
    }
  }

  private static Properties consumerProperties(ConnectorOptions options) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, options.groupId() + "-" + options.nodeId());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.putAll(options.kafka().consumer);
    return p;
  }

  private static Properties producerProperties(ConnectorOptions options) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, options.groupId() + "-platform-" + options.nodeId());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    p.putAll(options.kafka().producer);
    return p;
  }

  /** Stops consuming, waits for the batch in progress, and closes the clients. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      if (!stopped.await(30, TimeUnit.SECONDS)) {
        LOG.warn("Connector worker did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.close();
    platform.close();
  }

  /** For tests and health: the metrics as a map. */
  public Map<String, Long> metricsSnapshot() {
    return metrics().snapshot();
  }
}
