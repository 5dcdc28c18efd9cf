package io.tributary.ingest.route;

import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.envelope.EnvelopeFormatException;
import io.tributary.core.topic.MatchMode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
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
 *
 * <p><b>Local fast path.</b> A message published on this node is routed as soon as Kafka has
 * acknowledged it ({@link #appended}), without waiting for the consumer to read it back; when the
 * consumer does, the record is skipped, or routed only to subscriptions made since. Two rules keep
 * this exact: the consumer's position stays the only position handed to sessions (a fast delivery
 * carries it as {@link Delivery#routedUntil()}), and after any subscription change the fast path of
 * a partition waits until the consumer has caught up with every record handed to it, so a new
 * subscriber never sees one publisher's messages out of order.
 *
 * <p><b>No subscriber, no reading.</b> While no client on this node subscribes to anything, every
 * record would be read only to be dropped: a node that only ingests (devices publishing telemetry)
 * would spend a consumer's and a broker's fetch work on each message. So the consumer pauses its
 * partitions then, and the first command after that seeks them to the end of the topic before it
 * takes effect. Skipping the records written meanwhile is what routing them would have done: they
 * were published before any subscription existed here. Persistent sessions lose nothing by it
 * either: a session's offline messages are replayed from the positions its subscriptions ended
 * at, with a consumer of its own.
 *
 * <p><b>Reading back only what it routed, the feed takes its time</b> ({@link PollPacing}): while
 * its consumer only confirms what the fast path delivered, it polls at most once per {@code
 * localPollInterval}; fast-path records and commands still wake it at once and are handled without
 * a poll.
 */
public final class MessageFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MessageFeed.class);

  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  /** How long a resume waits for the topic's end offsets; SUBACKs wait for it too. */
  private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final SubscriptionIndex index;
  private final ConcurrentLinkedQueue<Consumer<SubscriptionIndex>> commands = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Appended> appended = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final Thread thread;
  private final CountDownLatch started = new CountDownLatch(1);
  /** The partitions the consumer reads: all of the topic's, assigned once at start. */
  private List<TopicPartition> assigned = List.of();
  /** Per partition: the next offset the consumer will route. */
  private long[] positions = new long[0];
  /** Per partition: the highest offset handed to {@link #appended}, routed fast or not (producer's thread writes). */
  private volatile AtomicLongArray handedOff = new AtomicLongArray(0);
  /** False while the index is empty: then {@link #appended} need not wake this thread. */
  private volatile boolean anySubscription;
  /** Per partition: the fast path waits until the consumer has passed this offset. */
  private long[] barrier = new long[0];
  /** Per partition: records routed by the fast path, in offset order, not yet read by the consumer. */
  private ArrayDeque<FastRouted>[] fastRouted;
  private volatile boolean polling;
  /** True while the feed thread waits for its next paced poll: wake it with an unpark. */
  private volatile boolean pacing;
  /** When the next poll is due (feed thread only). */
  private final PollPacing pacer;
  /** False while the partitions are paused because nothing here subscribes (feed thread writes). */
  private volatile boolean reading = true;
  private volatile boolean running = true;
  private volatile long routed;
  private volatile long routedFast;
  /** Records in the topic the consumer has not read yet, as of its last fetch; -1 until known. */
  private volatile long lag = -1;

  /** A message this node wrote, acknowledged by Kafka. */
  private record Appended(Envelope envelope, int partition, long offset) {}

  /** A record the fast path routed, and the index generation it was routed under. */
  private record FastRouted(long offset, long generation) {}

  /** Beyond this many records routed fast and not yet read back, a partition waits for its consumer. */
  private static final int MAX_FAST_AHEAD = 100_000;

  /** A feed that always reads eagerly. */
  public MessageFeed(Properties consumerProps, String topic, MatchMode mode) {
    this(consumerProps, topic, mode, null, Duration.ZERO);
  }

  /**
   * @param nodeId            the id this node's gateway writes into the envelopes it publishes
   * @param localPollInterval the least time between polls while the feed only confirms what the
   *                          fast path routed (see the class comment); zero always reads eagerly
   */
  public MessageFeed(Properties consumerProps, String topic, MatchMode mode, String nodeId,
                     Duration localPollInterval) {
    this.pacer = new PollPacing(nodeId, localPollInterval, System::nanoTime);
    this.consumer = new KafkaConsumer<>(consumerProps);
    this.topic = topic;
    this.index = new SubscriptionIndex(mode);
    this.thread = new Thread(this::run, "tributary-feed");
    this.thread.setDaemon(true);
  }

  /** Starts reading from the current end of the topic; returns once positions are known. */
  @SuppressWarnings("unchecked")
  public void start() {
    List<TopicPartition> parts = TopicConsumers.assignAll(consumer, topic);
    assigned = List.copyOf(parts);
    consumer.seekToEnd(parts);
    int n = parts.stream().mapToInt(TopicPartition::partition).max().orElse(-1) + 1;
    positions = new long[n];
    handedOff = new AtomicLongArray(n);
    barrier = new long[n];
    fastRouted = new ArrayDeque[n];
    Arrays.fill(positions, -1);
    for (int p = 0; p < n; p++) {
      handedOff.set(p, -1);
    }
    Arrays.fill(barrier, -1);
    for (TopicPartition tp : parts) {
      positions[tp.partition()] = consumer.position(tp, Duration.ofSeconds(30));
      fastRouted[tp.partition()] = new ArrayDeque<>();
    }
    thread.start();
    try {
      started.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Removes {@code s}'s subscriptions to {@code filters}; {@code applied} runs on the feed thread after. */
  public void unsubscribe(Subscriber s, List<String> filters, Runnable applied) {
    submit(idx -> {
      filters.forEach(f -> idx.unsubscribe(s, f));
      applied.run();
    });
  }

  public void unsubscribe(Subscriber s, String filter) {
    submit(idx -> idx.unsubscribe(s, filter));
  }

  /**
   * Adds {@code subscriptions} for {@code s} and calls {@code positionsAtStart} (on the feed
   * thread) with the position from which live routing to them begins. Every record Kafka
   * acknowledges after that call is routed to them, so a SUBACK sent from it promises the client
   * every message published after it. (Sent before, it would not: a feed that resumes from a pause
   * starts at the topic's end as of when it resumes.)
   */
  public void register(Subscriber s, Map<String, SubscriptionOptions> subscriptions,
      Consumer<Map<Integer, Long>> positionsAtStart) {
    submit(idx -> {
      subscriptions.forEach((f, o) -> idx.subscribe(s, f, o));
      positionsAtStart.accept(positions());
    });
  }

  /**
   * Removes every subscription of {@code s}; {@code positionsAtEnd} (on the feed thread) receives
   * the position up to which messages were routed to it. Deliveries handed out before arrive first.
   */
  public void unregister(Subscriber s, Consumer<Map<Integer, Long>> positionsAtEnd) {
    submit(idx -> {
      idx.removeAll(s);
      positionsAtEnd.accept(positions());
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

  /** Of {@link #routedCount()}, those routed by the local fast path. */
  public long routedFastCount() {
    return routedFast;
  }

  /**
   * How many records of the message topic this node has not read yet, over all partitions, as of
   * the consumer's latest fetch responses (-1 until every partition has answered once). Messages
   * from other nodes reach local subscribers this much later; and after a subscription changes, the
   * local fast path of a partition waits until its records handed off so far have been read.
   */
  public long lagRecords() {
    return lag;
  }

  /**
   * Kafka acknowledged {@code e}, written by this node at {@code partition}/{@code offset}: route it
   * now. Called on the producer's thread, in offset order per partition.
   */
  public void appended(Envelope e, int partition, long offset) {
    AtomicLongArray handed = handedOff;
    if (partition < 0 || partition >= handed.length()) {
      return;
    }
    handed.set(partition, offset); // in offset order per partition: only ever grows
    if (!anySubscription) {
      return; // the consumer routes it; a subscription made meanwhile waits for that (see drainCommands)
    }
    appended.add(new Appended(e, partition, offset));
    wakeFromPoll();
  }

  /** False while nothing on this node subscribes, so the feed does not read the message topic. */
  public boolean reading() {
    return reading;
  }

  /** The consumer's lag from its latest fetch responses, without a request; -1 while one is unknown. */
  private long currentLag() {
    long sum = 0;
    for (TopicPartition tp : assigned) {
      OptionalLong partitionLag = consumer.currentLag(tp);
      if (partitionLag.isEmpty()) {
        return -1;
      }
      sum += partitionLag.getAsLong();
    }
    return sum;
  }

  private Map<Integer, Long> positions() {
    Map<Integer, Long> m = new HashMap<>();
    for (int p = 0; p < positions.length; p++) {
      if (positions[p] >= 0) {
        m.put(p, positions[p]);
      }
    }
    return m;
  }

  private void submit(Consumer<SubscriptionIndex> command) {
    commands.add(command);
    wakeFromPoll();
  }

  /**
   * Wakes the thread out of a poll, once per poll (a burst of commands or messages costs one
   * wakeup), or out of its wait for a paced poll.
   */
  private void wakeFromPoll() {
    if (polling && !wakeupPending.getAndSet(true)) {
      consumer.wakeup();
    } else if (pacing) {
      LockSupport.unpark(thread);
    }
  }

  private void run() {
    pauseIfUnsubscribed(); // before start() returns: a node nobody subscribes to reads nothing from the first
    started.countDown();
    while (running) {
      if (waitForPacedPoll()) {
        drainCommands();
        drainAppended();
        continue;
      }
      pacer.polled();
      ConsumerRecords<String, byte[]> records;
      polling = true; // before looking at the queues: appended() either sees it or we see its message
      try {
        boolean idle = appended.isEmpty() && commands.isEmpty();
        records = consumer.poll(idle ? POLL_TIMEOUT : Duration.ZERO);
      } catch (WakeupException e) {
        records = ConsumerRecords.empty();
      } catch (RuntimeException e) {
        if (running) {
          LOG.error("message feed poll failed; retrying", e);
        }
        continue;
      } finally {
        polling = false;
        wakeupPending.set(false);
      }
      if (!records.isEmpty() || lag != 0) {
        lag = currentLag(); // the records just returned count as read
      }
      drainCommands();
      drainAppended();
      for (ConsumerRecord<String, byte[]> r : records) {
        route(r);
      }
    }
    drainCommands();
    consumer.close(Duration.ofSeconds(5));
  }

  /**
   * While the feed may take its time (see the class comment), waits until its next poll is due.
   * Returns true when woken before that by fast-path records or commands, which the caller handles
   * without polling; false when it is time to poll.
   */
  private boolean waitForPacedPoll() {
    if (!pacer.mayWait(reading && lag == 0 && !waitingForConsumer())) {
      return false;
    }
    long due = pacer.nextPollNanos();
    pacing = true; // before looking at the queues: wakeFromPoll() either sees it or we see its item
    try {
      while (running && appended.isEmpty() && commands.isEmpty()) {
        long left = due - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        LockSupport.parkNanos(this, left);
      }
    } finally {
      pacing = false;
    }
    return running;
  }

  /** True while the fast path of some partition waits for the consumer to pass its barrier. */
  private boolean waitingForConsumer() {
    for (int p = 0; p < barrier.length; p++) {
      if (barrier[p] >= 0 && positions[p] <= barrier[p]) {
        return true;
      }
    }
    return false;
  }

  private void route(ConsumerRecord<String, byte[]> r) {
    int p = r.partition();
    long offset = r.offset();
    if (p >= positions.length) {
      return;
    }
    positions[p] = offset + 1;
    long changedAfter = -1;
    ArrayDeque<FastRouted> fast = fastRouted[p];
    while (!fast.isEmpty() && fast.peekFirst().offset() < offset) {
      fast.pollFirst(); // not read back (cannot happen with our producer); nothing to dedupe against
    }
    if (!fast.isEmpty() && fast.peekFirst().offset() == offset) {
      changedAfter = fast.pollFirst().generation();
      if (changedAfter == index.generation()) {
        return; // routed by the fast path, under the subscriptions that hold now
      }
    }
    if (r.value() == null || !anySubscription) {
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
      LOG.warn("skipping unreadable record {}-{}@{}: {}", topic, p, offset, ex.getMessage());
      return;
    }
    routed++;
    pacer.routed(e);
    index.deliver(e, p, offset, changedAfter, offset + 1, this::handOver);
  }

  /** The fast path: routes messages this node wrote, unless the consumer must catch up first. */
  private void drainAppended() {
    Appended a;
    while ((a = appended.poll()) != null) {
      int p = a.partition();
      long offset = a.offset();
      if (p < 0 || p >= positions.length || offset < positions[p]) {
        continue; // not a partition this feed reads, or the consumer routed it already
      }
      if (positions[p] <= barrier[p] || fastRouted[p].size() >= MAX_FAST_AHEAD) {
        // The consumer must route every record handed off before a subscription changed (or this
        // one), so that no subscriber gets a later message of a publisher before an earlier one.
        barrier[p] = Math.max(barrier[p], offset);
        continue;
      }
      fastRouted[p].addLast(new FastRouted(offset, index.generation()));
      if (index.collect(a.envelope().topic())) {
        routed++;
        routedFast++;
        index.deliver(a.envelope(), p, offset, -1, positions[p], this::handOver);
      }
    }
  }

  private void handOver(Subscriber subscriber, Delivery delivery) {
    try {
      subscriber.deliver(delivery);
    } catch (RuntimeException ex) {
      LOG.warn("subscriber {} failed to accept a delivery", subscriber.clientId(), ex);
    }
  }

  private void drainCommands() {
    if (!reading && !commands.isEmpty()) {
      resumeAtEnd(); // before any command reads positions(): it takes effect from the end of the topic
    }
    Consumer<SubscriptionIndex> c;
    boolean changed = false;
    while ((c = commands.poll()) != null) {
      changed = true;
      try {
        c.accept(index);
      } catch (RuntimeException ex) {
        LOG.error("feed command failed", ex);
      }
    }
    if (changed) {
      anySubscription = index.size() > 0; // before reading handedOff: appended() writes it before reading this
      for (int p = 0; p < barrier.length; p++) {
        barrier[p] = Math.max(barrier[p], handedOff.get(p));
      }
      pauseIfUnsubscribed();
    }
  }

  /** Stops fetching while the index is empty: nothing read could be routed. */
  private void pauseIfUnsubscribed() {
    if (reading && index.size() == 0) {
      consumer.pause(assigned);
      reading = false;
      lag = 0; // nothing is waiting to be routed: what is written meanwhile is skipped on resume
    }
  }

  /**
   * Resumes fetching from the end of the topic: every record written while paused was published
   * before any subscription here, and would have been dropped. The end (the last stable offset,
   * as this consumer reads committed records) is at or past every record this node has handed off,
   * since Kafka acknowledged those ({@code acks=all}), so the fast path's barriers hold. If the end
   * offsets cannot be had (Kafka unreachable), reading resumes where it paused, as if the feed had
   * lagged.
   */
  private void resumeAtEnd() {
    reading = true;
    lag = -1;
    for (ArrayDeque<FastRouted> fast : fastRouted) {
      if (fast != null) {
        fast.clear();
      }
    }
    try {
      Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, END_OFFSETS_TIMEOUT); // one request
      for (TopicPartition tp : assigned) {
        long end = ends.get(tp);
        consumer.seek(tp, end);
        positions[tp.partition()] = end;
      }
    } catch (RuntimeException e) {
      LOG.warn("could not find the end of {}; the feed resumes where it paused", topic, e);
    }
    consumer.resume(assigned);
  }

  @Override
  public void close() {
    running = false;
    TopicConsumers.stop(consumer, thread);
  }
}
