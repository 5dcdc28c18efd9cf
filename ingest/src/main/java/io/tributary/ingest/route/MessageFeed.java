package io.tributary.ingest.route;

import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.envelope.EnvelopeFormatException;
import io.tributary.core.topic.MatchMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import io.tributary.ingest.kafka.TopicConsumers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the message topic from its end and routes every record to the local subscribers whose
 * filters match. One thread owns the consumer and the {@link SubscriptionIndex}; connections send
 * it commands. A command's reply carries this node's read position per partition at the moment the
 * command took effect: every record before it was routed under the old subscriptions, every record
 * from it on under the new ones. Persistent sessions use these positions to resume exactly.
 */
public final class MessageFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MessageFeed.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final SubscriptionIndex index;
  private final ConcurrentLinkedQueue<Consumer<SubscriptionIndex>> commands = new ConcurrentLinkedQueue<>();
  private final Map<Integer, Long> positions = new HashMap<>();
  private final Thread thread;
  private final CountDownLatch started = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile long routed;

  public MessageFeed(Properties consumerProps, String topic, MatchMode mode) {
    this.consumer = new KafkaConsumer<>(consumerProps);
    this.topic = topic;
    this.index = new SubscriptionIndex(mode);
    this.thread = new Thread(this::run, "tributary-feed");
    this.thread.setDaemon(true);
  }

  /** Starts reading from the current end of the topic; returns once positions are known. */
  public void start() {
    List<TopicPartition> parts = TopicConsumers.assignAll(consumer, topic);
    consumer.seekToEnd(parts);
    for (TopicPartition tp : parts) {
      positions.put(tp.partition(), consumer.position(tp, Duration.ofSeconds(30)));
    }
    thread.start();
    try {
      started.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public void subscribe(Subscriber s, String filter, SubscriptionOptions options) {
    submit(idx -> idx.subscribe(s, filter, options));
  }

  public void unsubscribe(Subscriber s, String filter) {
    submit(idx -> idx.unsubscribe(s, filter));
  }

  /**
   * Adds {@code subscriptions} for {@code s} and calls {@code positionsAtStart} (on the feed
   * thread) with the position from which live routing to them begins.
   */
  public void register(Subscriber s, Map<String, SubscriptionOptions> subscriptions,
      Consumer<Map<Integer, Long>> positionsAtStart) {
    submit(idx -> {
      subscriptions.forEach((f, o) -> idx.subscribe(s, f, o));
      positionsAtStart.accept(Map.copyOf(positions));
    });
  }

  /**
   * Removes every subscription of {@code s}; {@code positionsAtEnd} (on the feed thread) receives
   * the position up to which messages were routed to it. Deliveries handed out before arrive first.
   */
  public void unregister(Subscriber s, Consumer<Map<Integer, Long>> positionsAtEnd) {
    submit(idx -> {
      idx.removeAll(s);
      positionsAtEnd.accept(Map.copyOf(positions));
    });
  }

  /** The connected members of shared filter {@code $share/g/f} on every node, as the sessions topic tells. */
  public void sharedGroupMembers(String sharedFilter, List<String> sortedClientIds) {
    submit(idx -> idx.clusterMembers(sharedFilter, sortedClientIds));
  }

  /** Messages routed since start (for metrics). */
  public long routedCount() {
    return routed;
  }

  private void submit(Consumer<SubscriptionIndex> command) {
    commands.add(command);
    consumer.wakeup();
  }

  private void run() {
    started.countDown();
    while (running) {
      ConsumerRecords<String, byte[]> records;
      try {
        records = consumer.poll(Duration.ofMillis(200));
      } catch (WakeupException e) {
        records = ConsumerRecords.empty();
      } catch (RuntimeException e) {
        if (running) {
          LOG.error("message feed poll failed; retrying", e);
        }
        continue;
      }
      drainCommands();
      for (ConsumerRecord<String, byte[]> r : records) {
        route(r);
      }
    }
    drainCommands();
    consumer.close(Duration.ofSeconds(5));
  }

  private void route(ConsumerRecord<String, byte[]> r) {
    positions.put(r.partition(), r.offset() + 1);
    if (r.value() == null) {
      return;
    }
    Envelope e;
    try {
      // Most records match no subscriber on this node: decode only those that do.
      if (!index.collect(EnvelopeCodec.topic(r.value()))) {
        return;
      }
      e = EnvelopeCodec.decode(r.value());
    } catch (EnvelopeFormatException ex) {
      LOG.warn("skipping unreadable record {}-{}@{}: {}", topic, r.partition(), r.offset(), ex.getMessage());
      return;
    }
    routed++;
    index.deliver(e, r.partition(), r.offset(), (subscriber, delivery) -> {
      try {
        subscriber.deliver(delivery);
      } catch (RuntimeException ex) {
        LOG.warn("subscriber {} failed to accept a delivery", subscriber.clientId(), ex);
      }
    });
  }

  private void drainCommands() {
    Consumer<SubscriptionIndex> c;
    while ((c = commands.poll()) != null) {
      try {
        c.accept(index);
      } catch (RuntimeException ex) {
        LOG.error("feed command failed", ex);
      }
    }
  }

  @Override
  public void close() {
    running = false;
    TopicConsumers.stop(consumer, thread);
  }
}
