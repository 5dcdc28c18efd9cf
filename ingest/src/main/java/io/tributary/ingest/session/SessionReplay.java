package io.tributary.ingest.session;

import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.envelope.EnvelopeFormatException;
import io.tributary.core.topic.MatchMode;
import io.tributary.core.topic.SharedFilter;
import io.tributary.core.topic.SubscriptionTrie;
import io.tributary.ingest.route.Delivery;
import io.tributary.ingest.route.SubscriptionOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what a persistent session missed while it was offline: the QoS 1/2 messages on the
 * message topic between the session's saved positions and the positions from which live routing
 * took over, filtered by the session's subscriptions. Runs on its own thread with its own consumer;
 * hands batches to the connection and waits for {@link #credit()} before the next, so a long backlog
 * never floods the client or the heap. Optionally paced (AWS delivers backlogs at 10 msg/s).
 */
public final class SessionReplay implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionReplay.class);
  private static final int BATCH = 200;

  private final Properties consumerProps;
  private final String topic;
  private final String clientId;
  private final Map<Integer, Long> from;
  private final Map<Integer, Long> until;
  private final SubscriptionTrie<SubscriptionOptions> filters;
  private final Consumer<List<Delivery>> sink;
  private final Runnable done;
  private final int pacePerSecond;
  private final Semaphore credits = new Semaphore(1);
  private volatile boolean cancelled;

  /**
   * @param from first offset to read per partition (a partition absent here is not replayed)
   * @param until first offset not to read per partition: where live routing began
   * @param sink receives batches on the replay thread; must hand off to the connection
   * @param done runs on the replay thread when the backlog is exhausted or the replay was cancelled
   * @param pacePerSecond 0 for as fast as the client acknowledges
   */
  public SessionReplay(Properties consumerProps, String topic, String clientId, Map<Integer, Long> from,
      Map<Integer, Long> until, Map<String, SubscriptionOptions> subscriptions, MatchMode mode,
      Consumer<List<Delivery>> sink, Runnable done, int pacePerSecond) {
    this.consumerProps = consumerProps;
    this.topic = topic;
    this.clientId = clientId;
    this.from = from;
    this.until = until;
    this.filters = new SubscriptionTrie<>(mode);
    subscriptions.forEach((f, o) -> {
      SharedFilter shared = SharedFilter.parse(f);
      filters.add(shared == null ? f : shared.filter(), o);
    });
    this.sink = sink;
    this.done = done;
    this.pacePerSecond = pacePerSecond;
  }

  /** True when there is anything to read. */
  public boolean hasBacklog() {
    for (Map.Entry<Integer, Long> e : from.entrySet()) {
      Long end = until.get(e.getKey());
      if (end != null && e.getValue() < end) {
        return true;
      }
    }
    return false;
  }

  /** The connection can take the next batch. */
  public void credit() {
    if (credits.availablePermits() == 0) {
      credits.release();
    }
  }

  public void cancel() {
    cancelled = true;
    credits.release();
  }

  public void start() {
    Thread t = new Thread(this, "tributary-replay-" + clientId);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void run() {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
      Map<TopicPartition, Long> remaining = new HashMap<>();
      for (Map.Entry<Integer, Long> e : from.entrySet()) {
        Long end = until.get(e.getKey());
        if (end != null && e.getValue() < end) {
          remaining.put(new TopicPartition(topic, e.getKey()), end);
        }
      }
      consumer.assign(remaining.keySet());
      for (TopicPartition tp : remaining.keySet()) {
        consumer.seek(tp, from.get(tp.partition()));
      }
      List<Delivery> batch = new ArrayList<>();
      while (!cancelled && !remaining.isEmpty()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          Long end = remaining.get(tp);
          if (end == null || r.offset() >= end) {
            continue;
          }
          Delivery d = match(r);
          if (d != null) {
            batch.add(d);
            if (batch.size() >= (pacePerSecond > 0 ? 1 : BATCH)) {
              handOff(batch);
              batch = new ArrayList<>();
            }
          }
          if (r.offset() + 1 >= end) {
            remaining.remove(tp);
            consumer.pause(List.of(tp));
          }
        }
        for (TopicPartition tp : new ArrayList<>(remaining.keySet())) {
          if (consumer.position(tp) >= remaining.get(tp)) {
            remaining.remove(tp);
          }
        }
      }
      if (!batch.isEmpty() && !cancelled) {
        handOff(batch);
      }
    } catch (RuntimeException e) {
      LOG.error("replay of offline messages for {} failed", clientId, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      done.run();
    }
  }

  private void handOff(List<Delivery> batch) throws InterruptedException {
    credits.acquire();
    if (pacePerSecond > 0) {
      // AWS-strict pacing of session backlogs, on this replay's own thread.
      Thread.sleep(1000L / pacePerSecond);
    }
    if (!cancelled) {
      sink.accept(batch);
    }
  }

  private Delivery match(ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      return null;
    }
    Envelope e;
    try {
      e = EnvelopeCodec.decode(r.value());
    } catch (EnvelopeFormatException ex) {
      return null;
    }
    if (e.qos() == 0) {
      return null; // QoS 0 messages are not kept for offline sessions
    }
    int[] qos = {-1};
    boolean[] rap = {false};
    List<Integer> ids = new ArrayList<>();
    filters.forEachMatch(e.topic(), (f, o) -> {
      if (o.noLocal() && clientId.equals(e.clientId())) {
        return;
      }
      qos[0] = Math.max(qos[0], o.qos());
      rap[0] |= o.retainAsPublished();
      if (o.subscriptionId() != 0) {
        ids.add(o.subscriptionId());
      }
    });
    int effective = Math.min(qos[0], e.qos());
    if (effective <= 0) {
      return null;
    }
    return new Delivery(e, r.partition(), r.offset(), effective, rap[0] && e.retain(),
        ids.stream().mapToInt(Integer::intValue).toArray());
  }
}
