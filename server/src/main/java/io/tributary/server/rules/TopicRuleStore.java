package io.tributary.server.rules;

import io.tributary.core.config.KafkaConfig;
import io.tributary.streams.rules.TopicRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's view of the {@code <prefix>rules} topic: a reader thread tails the whole
 * compacted topic into a map, and writes go through a producer ({@code acks=all}). A write is
 * applied to the map as soon as Kafka acknowledged it, unless the reader already applied a later
 * record for that rule, so a node reads its own writes at once; other nodes see them within one
 * poll.
 */
final class TopicRuleStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicRuleStore.class);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);

  /** The latest record of a rule: its offset, its rule (null after a delete) and FROM filter. */
  private record Entry(long offset, TopicRule rule, String topicPattern) {}

  /** A stored rule and its FROM filter, as ListTopicRules shows it. */
  record Stored(TopicRule rule, String topicPattern) {}

  private final String topic;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, Entry> view = new ConcurrentHashMap<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread reader;
  private volatile boolean running = true;

  private TopicRuleStore(String bootstrap, KafkaConfig kafka, String nodeId) {
    this.topic = kafka.topics().rules();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "tributary-rules-api-" + nodeId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(WRITE_TIMEOUT.toMillis()));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.putAll(kafka.producer);
    producer = new KafkaProducer<>(p);
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-rules-view-" + nodeId);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.putAll(kafka.consumer);
    consumer = new KafkaConsumer<>(c);
    reader = new Thread(this::read, "tributary-rules-view");
    reader.setDaemon(true);
  }

  /** Starts the reader and returns once it has read the topic to its end; the topic must exist. */
  static TopicRuleStore start(String bootstrap, KafkaConfig kafka, String nodeId) {
    TopicRuleStore store = new TopicRuleStore(bootstrap, kafka, nodeId);
    store.reader.start();
    try {
      if (!store.caughtUp.await(30, TimeUnit.SECONDS)) {
        store.close();
        throw new IllegalStateException("the rules view did not catch up with " + store.topic + " within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      store.close();
      throw new IllegalStateException("interrupted while loading the rules", e);
    }
    return store;
  }

  private void read() {
    try {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          apply(r.key(), r.offset(), r.value() == null ? null : TopicRule.fromStored(r.value()));
        }
        if (caughtUp.getCount() > 0) {
          end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
          if (end.isEmpty()) {
            caughtUp.countDown();
          }
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("Rules view woken up unexpectedly", e);
      }
    } catch (RuntimeException e) {
      LOG.error("Rules view stopped on an unexpected error", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void apply(String name, long offset, TopicRule rule) {
    if (name == null) {
      return;
    }
    Entry next = new Entry(offset, rule, rule == null ? null : rule.topicPattern());
    view.merge(name, next, (old, fresh) -> fresh.offset() >= old.offset() ? fresh : old);
  }

  Optional<TopicRule> get(String name) {
    Entry e = view.get(name);
    return e == null ? Optional.empty() : Optional.ofNullable(e.rule());
  }

  /** Every stored rule, ordered by name. */
  List<Stored> list() {
    List<Stored> out = new ArrayList<>();
    view.values().forEach(e -> {
      if (e.rule() != null) {
        out.add(new Stored(e.rule(), e.topicPattern()));
      }
    });
    out.sort(Comparator.comparing(s -> s.rule().name()));
    return out;
  }

  /** Writes a rule and waits for Kafka's acknowledgement. Blocking: call off the event loop. */
  void put(TopicRule rule) {
    apply(rule.name(), write(rule.name(), rule.toStored()).offset(), rule);
  }

  /** Writes a tombstone and waits for Kafka's acknowledgement. Blocking: call off the event loop. */
  void delete(String name) {
    apply(name, write(name, null).offset(), null);
  }

  private RecordMetadata write(String name, byte[] value) {
    try {
      return producer.send(new ProducerRecord<>(topic, name, value)).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing rule " + name, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write rule " + name + " to " + topic + ": " + e, e);
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      reader.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
