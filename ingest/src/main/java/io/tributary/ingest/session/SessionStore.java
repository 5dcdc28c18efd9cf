package io.tributary.ingest.session;

import io.tributary.ingest.kafka.MessageLog;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import io.tributary.ingest.kafka.TopicConsumers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every node's view of the sessions topic. Records with a lower epoch than the one already seen
 * for a client are ignored, so a late write from a node that lost the session cannot undo a
 * takeover. {@link #afterCatchUp} gives read-your-writes across nodes: it runs once the view
 * includes everything written to the topic before the call.
 */
public final class SessionStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final MessageLog log;
  private final String topic;
  private final Map<String, SessionRecord> view = new ConcurrentHashMap<>();
  private final List<BiConsumer<String, SessionRecord>> listeners = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Runnable> barrierRequests = new ConcurrentLinkedQueue<>();
  private final List<Barrier> barriers = new ArrayList<>();
  private final Thread thread;
  private final CountDownLatch loaded = new CountDownLatch(1);
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private volatile boolean polling;
  private volatile boolean running = true;
  private List<TopicPartition> partitions;

  public SessionStore(Properties consumerProps, MessageLog log) {
    this.consumer = new KafkaConsumer<>(consumerProps);
    this.log = log;
    this.topic = log.topics().sessions();
    this.thread = new Thread(this::run, "tributary-sessions");
    this.thread.setDaemon(true);
  }

  /** Loads the topic; returns once the view has caught up. */
  public void start() {
    partitions = TopicConsumers.assignAll(consumer, topic);
    consumer.seekToBeginning(partitions);
    thread.start();
    afterCatchUp(loaded::countDown);
    try {
      if (!loaded.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("sessions did not load within 120 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Called on the store's thread for every applied change (null record: removed). */
  public void addListener(BiConsumer<String, SessionRecord> listener) {
    listeners.add(listener);
  }

  public SessionRecord get(String clientId) {
    return view.get(clientId);
  }

  public Iterable<SessionRecord> all() {
    return view.values();
  }

  /** Runs {@code then} on the store's thread once the view holds every record written before this call. */
  public void afterCatchUp(Runnable then) {
    barrierRequests.add(then);
    // Wake the thread only out of a poll, and once per poll: a wakeup that lands in the end-offsets
    // request would abort it, and a burst of CONNECTs would keep aborting it.
    if (polling && !wakeupPending.getAndSet(true)) {
      consumer.wakeup();
    }
  }

  /** Writes {@code record}; {@code done} receives null on success or the failure. */
  public void write(SessionRecord record, Consumer<Exception> done) {
    log.send(topic, record.clientId(), SessionCodec.encode(record), (meta, error) -> {
      if (error == null) {
        apply(record.clientId(), record);
      }
      done.accept(error);
    });
  }

  /** Removes a client's session record for good. */
  public void delete(String clientId, Consumer<Exception> done) {
    log.send(topic, clientId, null, (meta, error) -> done.accept(error));
  }

  private void apply(String clientId, SessionRecord record) {
    boolean[] changed = {false};
    view.compute(clientId, (k, old) -> {
      if (record == null) {
        changed[0] = old != null;
        return null;
      }
      if (old != null && record.epoch() < old.epoch()) {
        return old;
      }
      changed[0] = !record.equals(old);
      return record;
    });
    if (changed[0]) {
      for (BiConsumer<String, SessionRecord> l : listeners) {
        try {
          l.accept(clientId, record);
        } catch (RuntimeException e) {
          LOG.warn("session listener failed", e);
        }
      }
    }
  }

  private void run() {
    while (running) {
      polling = true; // before looking at the queue: afterCatchUp() either sees it or we see its request
      try {
        Duration timeout = barrierRequests.isEmpty() ? Duration.ofMillis(200) : Duration.ZERO;
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
          if (r.key() == null) {
            continue;
          }
          if (r.value() == null) {
            apply(r.key(), null);
            continue;
          }
          try {
            apply(r.key(), SessionCodec.decode(r.value()));
          } catch (IOException e) {
            LOG.warn("skipping unreadable session record for {}: {}", r.key(), e.getMessage());
          }
        }
      } catch (WakeupException e) {
        // a barrier was requested, or closing
      } catch (RuntimeException e) {
        if (running) {
          LOG.error("session view poll failed; retrying", e);
        }
        continue;
      } finally {
        polling = false;
        wakeupPending.set(false);
      }
      try {
        serveBarriers();
      } catch (WakeupException e) {
        // another barrier arrived while reading end offsets: served on the next pass
      } catch (RuntimeException e) {
        LOG.warn("cannot read session topic end offsets; will retry", e);
      }
    }
    consumer.close(Duration.ofSeconds(5));
  }

  private void serveBarriers() {
    if (!barrierRequests.isEmpty()) {
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      Runnable r;
      while ((r = barrierRequests.poll()) != null) {
        barriers.add(new Barrier(end, r));
      }
    }
    for (Iterator<Barrier> it = barriers.iterator(); it.hasNext(); ) {
      Barrier b = it.next();
      if (b.reached(consumer)) {
        it.remove();
        try {
          b.then.run();
        } catch (RuntimeException e) {
          LOG.warn("session barrier callback failed", e);
        }
      }
    }
  }

  private record Barrier(Map<TopicPartition, Long> end, Runnable then) {
    boolean reached(KafkaConsumer<?, ?> c) {
      for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
        if (c.position(e.getKey()) < e.getValue()) {
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public void close() {
    running = false;
    TopicConsumers.stop(consumer, thread);
  }
}
