package io.tributary.streams.rules;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted {@code <prefix>rules} topic from its beginning into a {@link RuleFeed}, on
 * its own thread, for as long as the node runs: the rules job knows every rule also while its
 * Streams instance is stopped. A plain consumer without a group (assigned partitions, no offsets
 * committed); while nothing changes it costs one long-poll fetch every {@link #IDLE_FETCH_WAIT}. {@link #start} returns once everything written before it has been applied.
 */
final class RuleCatalogReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RuleCatalogReader.class);
  private static final Duration RETRY = Duration.ofSeconds(1);
  static final Duration IDLE_FETCH_WAIT = Duration.ofSeconds(10);

  private final String topic;
  private final RuleFeed feed;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private final CountDownLatch loaded = new CountDownLatch(1);
  /** Released by {@link #close}: ends a wait between failed attempts at once. */
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile boolean healthy = true;
  private Map<TopicPartition, Long> loadUntil;

  RuleCatalogReader(Properties clientProperties, String topic, RuleFeed feed, String clientId) {
    this.topic = topic;
    this.feed = feed;
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // The broker answers a fetch as soon as a record arrives; until then one fetch waits this long,
    // so an unchanged rules topic costs one round trip per 10 s (the default is 500 ms).
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(IDLE_FETCH_WAIT.toMillis()));
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, clientId);
    thread.setDaemon(true);
  }

  /** Starts reading and waits until every rule written before this call is in the catalog. */
  void start(Duration timeout) {
    thread.start();
    try {
      if (!loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("could not read the rules topic " + topic + " within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the rules topic", e);
    }
  }

  /** False while reading the rules topic fails (the catalog may be stale then). */
  boolean isHealthy() {
    return healthy && thread.isAlive();
  }

  private void run() {
    try {
      while (running) {
        try {
          if (loadUntil == null) {
            assign();
          }
          for (ConsumerRecord<String, byte[]> r : consumer.poll(loaded.getCount() > 0 ? Duration.ofMillis(100)
              : IDLE_FETCH_WAIT)) {
            feed.apply(r.key(), r.value(), r.timestamp());
          }
          feed.publish();
          if (loaded.getCount() > 0 && caughtUp()) {
            loaded.countDown();
          }
          healthy = true;
        } catch (WakeupException e) {
          // close() woke us up; the loop condition decides
        } catch (KafkaException e) {
          healthy = false;
          LOG.warn("Reading the rules topic {} failed; retrying in {}: {}", topic, RETRY, e.toString());
          sleep();
        }
      }
    } finally {
      // Without a group there is nothing to commit or leave; waiting would only wait for the
      // outstanding long-poll fetch (up to IDLE_FETCH_WAIT) before the fetch session is closed.
      consumer.close(Duration.ZERO);
    }
  }

  private void assign() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
    if (infos == null || infos.isEmpty()) {
      throw new KafkaException("the rules topic " + topic + " has no partitions yet");
    }
    List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    loadUntil = consumer.endOffsets(partitions, Duration.ofSeconds(10));
  }

  private boolean caughtUp() {
    for (Map.Entry<TopicPartition, Long> end : loadUntil.entrySet()) {
      if (consumer.position(end.getKey(), Duration.ofSeconds(10)) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Waits {@link #RETRY} before the next attempt, or less when {@link #close} is called meanwhile. */
  private void sleep() {
    try {
      closing.await(RETRY.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Stops the thread and closes the consumer. */
  @Override
  public void close() {
    running = false;
    closing.countDown();
    consumer.wakeup();
    if (thread.isAlive() || thread.getState() != Thread.State.NEW) {
      try {
        thread.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      consumer.close(Duration.ZERO);
    }
  }
}
