package io.tributary.ingest.kafka;

import io.tributary.core.config.TopicNames;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's only writer to Kafka. Bounds the bytes handed to it and not yet acknowledged:
 * above {@code limitBytes} callers are told to stop reading from their sockets ({@link
 * #saturated()}) and are called back through {@link #whenWritable(Runnable)} once the backlog has
 * drained to half the limit. Records go to the producer from one sender thread, in the order they
 * were handed in: {@code KafkaProducer.send} blocks while the cluster's metadata is unavailable (a
 * broker outage), and that must never stall an event loop. Callbacks run on the producer's I/O
 * thread: callers hop back to their own context.
 */
public final class MessageLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MessageLog.class);
  private final Producer<String, byte[]> producer;
  private final TopicNames topics;
  private final long limitBytes;
  private final AtomicLong pendingBytes = new AtomicLong();
  private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();
  private final LinkedBlockingQueue<Outgoing> outgoing = new LinkedBlockingQueue<>();
  private final Thread sender;
  private volatile boolean running = true;
  private volatile AppendListener appendListener = (e, partition, offset) -> {};

  /** Told of every message {@link #append}ed, once Kafka acknowledged it; called on the producer's thread. */
  @FunctionalInterface
  public interface AppendListener {
    void appended(Envelope envelope, int partition, long offset);
  }

  /** A record waiting for the sender thread. */
  private record Outgoing(ProducerRecord<String, byte[]> record, int size, BiConsumer<RecordMetadata, Exception> done) {}

  public MessageLog(Properties producerProps, TopicNames topics, long limitBytes) {
    this.producer = new KafkaProducer<>(producerProps);
    this.topics = topics;
    this.limitBytes = limitBytes;
    producer.partitionsFor(topics.messages()); // fetch metadata now, not on the first publish
    this.sender = new Thread(this::sendLoop, "tributary-producer");
    this.sender.setDaemon(true);
    this.sender.start();
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
    outgoing.add(new Outgoing(new ProducerRecord<>(topic, key, value), size, done));
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
        for (Outgoing o : batch) {
          sendNow(o);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void sendNow(Outgoing o) {
    try {
      producer.send(o.record(), (meta, error) -> {
        release(o.size());
        o.done().accept(meta, error);
      });
    } catch (RuntimeException e) {
      release(o.size());
      o.done().accept(null, e);
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

  /** Waits until everything handed in so far has been acknowledged or has failed. */
  public void flush() {
    while (!outgoing.isEmpty() && sender.isAlive()) {
      LockSupport.parkNanos(1_000_000);
    }
    producer.flush();
  }

  @Override
  public void close() {
    running = false;
    try {
      sender.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(java.time.Duration.ofSeconds(10));
  }
}
