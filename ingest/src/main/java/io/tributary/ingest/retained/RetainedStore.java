package io.tributary.ingest.retained;

import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.envelope.EnvelopeFormatException;
import io.tributary.core.topic.MatchMode;
import io.tributary.core.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import io.tributary.ingest.kafka.TopicConsumers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every retained message, read from the compacted retained topic (key: MQTT topic, value:
 * envelope, tombstone: cleared). Each entry remembers the offset it came from, so a node applying
 * its own acknowledged write early and the later read of the same record never move an entry
 * backwards. Readable from any thread.
 */
public final class RetainedStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetainedStore.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final ConcurrentSkipListMap<String, Entry> entries = new ConcurrentSkipListMap<>();
  private final Map<String, Long> tombstones = new ConcurrentHashMap<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;
  /** End offsets at start; the view is loaded once the consumer reaches them. */
  private volatile Map<TopicPartition, Long> endOffsets;

  /** A retained message and where it was read from. */
  public record Entry(Envelope envelope, int partition, long offset) {}

  public RetainedStore(Properties consumerProps, String topic) {
    this.consumer = new KafkaConsumer<>(consumerProps);
    this.topic = topic;
    this.thread = new Thread(this::run, "tributary-retained");
    this.thread.setDaemon(true);
  }

  /** Loads every retained message; returns once the view has caught up with the topic. */
  public void start() {
    List<TopicPartition> parts = TopicConsumers.assignAll(consumer, topic);
    consumer.seekToBeginning(parts);
    endOffsets = consumer.endOffsets(parts, Duration.ofSeconds(30));
    thread.start();
    try {
      if (!caughtUp.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("retained messages did not load within 120 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public Envelope get(String mqttTopic) {
    Entry e = entries.get(mqttTopic);
    return e == null ? null : e.envelope();
  }

  public int size() {
    return entries.size();
  }

  /** Topics in order, starting after {@code afterTopic} (null: from the first), at most {@code limit}. */
  public List<Entry> page(String afterTopic, int limit) {
    Collection<Entry> tail = afterTopic == null ? entries.values() : entries.tailMap(afterTopic, false).values();
    List<Entry> out = new ArrayList<>(Math.min(limit, 64));
    for (Entry e : tail) {
      if (out.size() >= limit) {
        break;
      }
      out.add(e);
    }
    return out;
  }

  /** Calls {@code visitor} for each retained message whose topic matches {@code filter}. */
  public void forEachMatch(String filter, MatchMode mode, Consumer<Envelope> visitor) {
    if (!Topics.isWildcard(filter)) {
      Envelope e = get(filter);
      if (e != null) {
        visitor.accept(e);
      }
      return;
    }
    for (Entry e : entries.values()) {
      if (Topics.matches(filter, e.envelope().topic(), mode)) {
        visitor.accept(e.envelope());
      }
    }
  }

  /** Applies this node's own write as soon as Kafka acknowledged it (null envelope: cleared). */
  public void applyLocal(String mqttTopic, Envelope envelopeOrNull, int partition, long offset) {
    apply(mqttTopic, envelopeOrNull, partition, offset);
  }

  private void apply(String mqttTopic, Envelope envelopeOrNull, int partition, long offset) {
    entries.compute(mqttTopic, (k, old) -> {
      long seen = old != null ? old.offset() : tombstones.getOrDefault(k, -1L);
      if (offset <= seen) {
        return old;
      }
      if (envelopeOrNull == null) {
        tombstones.put(k, offset);
        return null;
      }
      tombstones.remove(k);
      return new Entry(envelopeOrNull, partition, offset);
    });
  }

  private void run() {
    while (running) {
      try {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Envelope e = null;
          if (r.value() != null) {
            try {
              e = EnvelopeCodec.decode(r.value());
            } catch (EnvelopeFormatException ex) {
              LOG.warn("skipping unreadable retained record {}: {}", r.key(), ex.getMessage());
              continue;
            }
          }
          if (r.key() != null) {
            apply(r.key(), e, r.partition(), r.offset());
          }
        }
        checkCaughtUp();
      } catch (WakeupException e) {
        // closing
      } catch (RuntimeException e) {
        if (running) {
          LOG.error("retained view poll failed; retrying", e);
        }
      }
    }
    consumer.close(Duration.ofSeconds(5));
  }

  private void checkCaughtUp() {
    Map<TopicPartition, Long> end = endOffsets;
    if (caughtUp.getCount() == 0 || end == null) {
      return;
    }
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return;
      }
    }
    caughtUp.countDown();
  }

  @Override
  public void close() {
    running = false;
    TopicConsumers.stop(consumer, thread);
  }
}
