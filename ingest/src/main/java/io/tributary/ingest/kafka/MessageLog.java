package io.tributary.ingest.kafka;

import io.tributary.core.config.TopicNames;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's only writer to Kafka. Bounds the bytes handed to it and not yet acknowledged:
 * above {@code limitBytes} callers are told to stop reading from their sockets ({@link
 * #saturated()}) and are called back through {@link #whenWritable(Runnable)} once the backlog has
 * drained to half the limit. Callbacks run on the producer's I/O thread: callers hop back to their
 * own context.
 *
 * <p>Records go to the producer on the caller's thread (an event loop), in the order handed in. The
 * producer is made unable to wait ({@code max.block.ms=0}): a record it cannot take at once, because
 * it has no metadata for the topic (a broker outage) or no buffer left, is refused, and goes to a
 * sender thread instead, which retries it until the configured {@code max.block.ms} has passed (then
 * fails it, as a waiting producer would). While any record waits there, every later one queues behind
 * it, so the order handed in is the order sent.
 *
 * <p>By default the producer does not linger and keeps one request in flight per broker ({@link
 * KafkaSettings}), so batches form while a request is out. When it is configured to linger ({@code
 * linger.ms} above 0), that wait is most of a quiet gateway's latency, so while fewer than {@code
 * expediteBelowPerSecond} records a second are handed in, a second thread flushes the producer
 * whenever records were handed over: those records leave at once, and records handed in while a
 * flush is on its way go with the next one (one flush at a time). Above that rate the linger does
 * the batching.
 */
public final class MessageLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MessageLog.class);
  /** Kafka's default {@code max.block.ms}. */
  private static final long DEFAULT_MAX_BLOCK_MS = 60_000;
  /** Kafka's default {@code linger.ms}. */
  private static final long DEFAULT_LINGER_MS = 5;
  /** How long the producer refuses records before it is logged. */
  private static final long WARN_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** How often a refused record is offered again. */
  private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private final Producer<String, byte[]> producer;
  private final TopicNames topics;
  private final long limitBytes;
  private final AtomicLong pendingBytes = new AtomicLong();
  private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();
  private final LinkedBlockingQueue<Outgoing> outgoing = new LinkedBlockingQueue<>();
  /** Records in {@link #outgoing} or in the sender thread's hands: while above zero, records queue. */
  private final AtomicInteger queued = new AtomicInteger();
  /** How long a refused record is retried before it fails: the configured {@code max.block.ms}. */
  private final long maxBlockNanos;
  /** When the producer began refusing records ({@link System#nanoTime()}), 0 while it takes them; sender thread only. */
  private long refusedSince;
  /** Whether this spell of refusals has been logged; sender thread only. */
  private boolean warned;
  private final Thread sender;
  private final Thread expediter;
  private final Semaphore expedite = new Semaphore(0);
  private final RecentRate recent;
  private final LongSupplier nanoClock;
  /** Expedite requests not yet served by a completed flush. */
  private final AtomicInteger unserved = new AtomicInteger();
  private volatile boolean running = true;
  private volatile AppendListener appendListener = (e, partition, offset) -> {};

  /** Told of every message {@link #append}ed, once Kafka acknowledged it; called on the producer's thread. */
  @FunctionalInterface
  public interface AppendListener {
    void appended(Envelope envelope, int partition, long offset);
  }

  /** A record handed in; {@code queuedAt} ({@link System#nanoTime()}) once it waits for the sender thread. */
  private record Outgoing(ProducerRecord<String, byte[]> record, int size, BiConsumer<RecordMetadata, Exception> done,
                          long queuedAt) {}

  /**
   * @param expediteBelowPerSecond below this rate of records handed in, send them without waiting
   *                               for the producer's linger; 0 never does
   */
  public MessageLog(Properties producerProps, TopicNames topics, long limitBytes, int expediteBelowPerSecond) {
    this(producerProps, topics, limitBytes, expediteBelowPerSecond, System::nanoTime);
  }

  /** With the clock that times the rate of records handed in (tests freeze it). */
  MessageLog(Properties producerProps, TopicNames topics, long limitBytes, int expediteBelowPerSecond,
             LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    if (expediteBelowPerSecond < 0) {
      throw new IllegalArgumentException("expediteBelowPerSecond must be >= 0: " + expediteBelowPerSecond);
    }
    Properties props = new Properties();
    props.putAll(producerProps);
    this.maxBlockNanos = TimeUnit.MILLISECONDS.toNanos(maxBlockMs(props));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "0"); // send() refuses instead of waiting
    this.producer = new KafkaProducer<>(props);
    this.topics = topics;
    this.limitBytes = limitBytes;
    // Expediting saves a record the producer's linger; a producer that does not linger has nothing to save.
    this.recent = expediteBelowPerSecond == 0 || lingerMs(props) == 0 ? null : new RecentRate(expediteBelowPerSecond);
    // Metadata now, not on the first record: a record for a topic the producer does not know yet is
    // refused and queued, and everything behind it waits for the fetch.
    for (String topic : List.of(topics.messages(), topics.retained(), topics.sessions(), topics.shadowRequests())) {
      awaitMetadata(topic);
    }
    this.sender = new Thread(this::sendLoop, "tributary-producer");
    this.sender.setDaemon(true);
    this.sender.start();
    if (recent != null) {
      this.expediter = new Thread(this::expediteLoop, "tributary-producer-expedite");
      this.expediter.setDaemon(true);
      this.expediter.start();
    } else {
      this.expediter = null;
    }
  }

  /** The producer's {@code max.block.ms} as configured (Kafka's default when not). */
  private static long maxBlockMs(Properties props) {
    return millis(props, ProducerConfig.MAX_BLOCK_MS_CONFIG, DEFAULT_MAX_BLOCK_MS);
  }

  /** The producer's {@code linger.ms} as configured (Kafka's default, 5, when not). */
  private static long lingerMs(Properties props) {
    return millis(props, ProducerConfig.LINGER_MS_CONFIG, DEFAULT_LINGER_MS);
  }

  private static long millis(Properties props, String key, long byDefault) {
    Object v = props.get(key);
    if (v == null) {
      return byDefault;
    }
    try {
      long ms = Long.parseLong(v.toString().trim());
      if (ms >= 0) {
        return ms;
      }
    } catch (NumberFormatException e) {
      // told below
    }
    throw new IllegalArgumentException("kafka.producer." + key + " must be a number of milliseconds, 0 or more: " + v);
  }

  /** Waits up to {@code max.block.ms} for the producer to know {@code topic}'s partitions. */
  private void awaitMetadata(String topic) {
    long start = System.nanoTime();
    while (true) {
      try {
        producer.partitionsFor(topic);
        return;
      } catch (TimeoutException e) {
        if (System.nanoTime() - start >= maxBlockNanos) {
          producer.close(java.time.Duration.ZERO);
          throw new TimeoutException("no metadata for " + topic + " within max.block.ms ("
              + TimeUnit.NANOSECONDS.toMillis(maxBlockNanos) + " ms)", e);
        }
        LockSupport.parkNanos(RETRY_NANOS);
      }
    }
  }

  public TopicNames topics() {
    return topics;
  }

  /** Sets the listener told of each acknowledged {@link #append} (the feed's local fast path). */
  public void onAppended(AppendListener listener) {
    this.appendListener = listener;
  }

  /** Appends an accepted publish ({@code encoded} by {@link EnvelopeCodec}) to the message topic, keyed by its publisher. */
  public void append(Envelope envelope, byte[] encoded, BiConsumer<RecordMetadata, Exception> done) {
    send(topics.messages(), envelope.clientId(), encoded, (meta, error) -> {
      if (error == null) {
        try {
          appendListener.appended(envelope, meta.partition(), meta.offset());
        } catch (RuntimeException e) {
          LOG.warn("append listener failed; the message is still delivered from the log", e);
        }
      }
      done.accept(meta, error);
    });
  }

  /** Stores (or with null clears) the retained message of {@code topic}, an encoded envelope. */
  public void retain(String topic, byte[] encodedOrNull, BiConsumer<RecordMetadata, Exception> done) {
    send(topics.retained(), topic, encodedOrNull, done);
  }

  /** Writes a record to any topic the gateway owns (session state, for example). */
  public void send(String topic, String key, byte[] value, BiConsumer<RecordMetadata, Exception> done) {
    int size = (value == null ? 0 : value.length) + (key == null ? 0 : key.length()) + 64;
    pendingBytes.addAndGet(size);
    if (!running) {
      release(size);
      done.accept(null, new IllegalStateException("the gateway's Kafka producer is closed"));
      return;
    }
    Outgoing o = new Outgoing(new ProducerRecord<>(topic, key, value), size, done, 0);
    if (queued.get() == 0) {
      boolean quiet = recent != null && recent.add(1, nanoClock.getAsLong());
      if (quiet) {
        unserved.incrementAndGet(); // asked for before the record is handed over (see expediting())
      }
      if (sendNow(o)) {
        if (quiet) {
          expedite.release();
        }
        return;
      }
      if (quiet) {
        unserved.decrementAndGet(); // the sender thread decides for it
      }
    }
    queued.incrementAndGet();
    outgoing.add(new Outgoing(o.record(), size, done, System.nanoTime()));
  }

  private void sendLoop() {
    List<Outgoing> batch = new ArrayList<>();
    while (running || !outgoing.isEmpty()) {
      try {
        Outgoing first = outgoing.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        outgoing.drainTo(batch, 1023);
        // Counted as asked for before the records are handed over, so that no acknowledgement of
        // them can be seen before the ask (see expediting()).
        boolean quiet = recent != null && recent.add(batch.size(), nanoClock.getAsLong());
        if (quiet) {
          unserved.incrementAndGet();
        }
        for (Outgoing o : batch) {
          sendInTime(o);
          queued.decrementAndGet();
        }
        if (quiet && outgoing.isEmpty()) {
          expedite.release();
        } else if (quiet) {
          unserved.decrementAndGet(); // more arrived meanwhile: the next pass decides for them
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  /**
   * Sends a record the producer refused once, retrying while it refuses (no metadata, no buffer) until
   * {@code max.block.ms} has passed since the record was handed in; then fails it.
   */
  private void sendInTime(Outgoing o) {
    while (!sendNow(o)) {
      long now = System.nanoTime();
      if (refusedSince == 0) {
        refusedSince = now;
        warned = false;
      } else if (!warned && now - refusedSince >= WARN_AFTER_NANOS) {
        warned = true; // a metadata refresh takes milliseconds; a second means the cluster is away
        LOG.warn("the Kafka producer has had no metadata or buffer for {} for {} ms: records wait for it, "
            + "up to max.block.ms ({} ms)", o.record().topic(), TimeUnit.NANOSECONDS.toMillis(now - refusedSince),
            TimeUnit.NANOSECONDS.toMillis(maxBlockNanos));
      }
      if (!running || System.nanoTime() - o.queuedAt() >= maxBlockNanos) {
        release(o.size());
        o.done().accept(null, new TimeoutException("the producer had no metadata or buffer for "
            + o.record().topic() + " within max.block.ms (" + TimeUnit.NANOSECONDS.toMillis(maxBlockNanos) + " ms)"));
        return;
      }
      LockSupport.parkNanos(RETRY_NANOS); // the producer's I/O thread fetches the metadata meanwhile
    }
    if (refusedSince != 0) {
      if (warned) {
        LOG.info("the Kafka producer takes records again ({}), {} ms after it first refused one",
            o.record().topic(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - refusedSince));
      }
      refusedSince = 0;
    }
  }

  /** Flushes the producer each time the sender asks, one flush at a time; asks made meanwhile coalesce. */
  private void expediteLoop() {
    while (running) {
      try {
        expedite.acquire();
        int served = 1 + expedite.drainPermits();
        try {
          producer.flush();
        } finally {
          unserved.addAndGet(-served);
        }
      } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
        return; // closing
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("expediting the producer failed; records wait for its linger", e);
        }
      }
    }
  }

  /**
   * Hands {@code o} to the producer; false when the producer refused it at once (a timeout: no
   * metadata for the topic, or no buffer), and it is still the caller's. Any other failure fails it.
   */
  private boolean sendNow(Outgoing o) {
    Attempt attempt = new Attempt(o);
    try {
      producer.send(o.record(), attempt);
    } catch (RuntimeException e) {
      attempt.sending = false;
      release(o.size());
      o.done().accept(null, e);
      return true;
    }
    attempt.sending = false;
    return !attempt.refused;
  }

  /**
   * The producer's callback for one attempt to send a record. The producer reports a refusal by
   * calling back on the caller's thread before {@code send} returns; that is told apart from a
   * completion, which the I/O thread reports.
   */
  private final class Attempt implements Callback {
    private final Outgoing o;
    private final Thread caller = Thread.currentThread();
    boolean sending = true;
    boolean refused;

    Attempt(Outgoing o) {
      this.o = o;
    }

    @Override
    public void onCompletion(RecordMetadata meta, Exception error) {
      if (Thread.currentThread() == caller && sending && error instanceof TimeoutException) {
        refused = true;
        return;
      }
      release(o.size());
      o.done().accept(meta, error);
    }
  }

  /** True when callers should stop reading new publishes until {@link #whenWritable} fires. */
  public boolean saturated() {
    return pendingBytes.get() > limitBytes;
  }

  public long pendingBytes() {
    return pendingBytes.get();
  }

  /** Runs {@code resume} once the backlog is below half the limit (at once if it already is). */
  public void whenWritable(Runnable resume) {
    waiting.add(resume);
    drainWaitersIfWritable();
  }

  private void release(int size) {
    long now = pendingBytes.addAndGet(-size);
    if (now <= limitBytes / 2 && !waiting.isEmpty()) {
      drainWaitersIfWritable();
    }
  }

  private void drainWaitersIfWritable() {
    Runnable r;
    while (pendingBytes.get() <= limitBytes / 2 && (r = waiting.poll()) != null) {
      r.run();
    }
  }

  /** Whether records handed in at a quiet rate are flushed rather than left to the producer's linger. */
  boolean expedites() {
    return recent != null;
  }

  /**
   * True while an expediting flush is asked for or runs (until it has returned: records handed in
   * meanwhile leave at once).
   */
  boolean expediting() {
    return unserved.get() > 0;
  }

  /** Waits until everything handed in so far has been acknowledged or has failed. */
  public void flush() {
    while (queued.get() > 0 && sender.isAlive()) {
      LockSupport.parkNanos(1_000_000);
    }
    producer.flush();
  }

  @Override
  public void close() {
    running = false;
    try {
      sender.join(10_000);
      if (expediter != null) {
        expediter.interrupt(); // a flush waits for acknowledgements; close fails what is left
        expediter.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(java.time.Duration.ofSeconds(10));
  }

  /**
   * Records handed in over the last one to two milliseconds, in two one-millisecond windows, counted
   * by whichever thread hands them in. {@link #add} answers whether the rate is below the threshold.
   */
  static final class RecentRate {
    private static final long WINDOW_NANOS = 1_000_000;
    private final long maxPerTwoWindows;
    private long windowStart = Long.MIN_VALUE;
    private long current;
    private long previous;

    RecentRate(int perSecond) {
      // Two windows make 2 ms: the threshold's share of it, at least one record.
      this.maxPerTwoWindows = Math.max(1, perSecond / 500);
    }

    /** Counts {@code records} handed in at {@code nowNanos}; true while the recent rate is under the threshold. */
    synchronized boolean add(int records, long nowNanos) {
      if (windowStart == Long.MIN_VALUE || nowNanos - windowStart >= 2 * WINDOW_NANOS) {
        previous = 0;
        current = 0;
        windowStart = nowNanos;
      } else if (nowNanos - windowStart >= WINDOW_NANOS) {
        previous = current;
        current = 0;
        windowStart += WINDOW_NANOS;
      }
      current += records;
      return previous + current <= maxPerTwoWindows;
    }
  }
}
