package io.tributary.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Drives one publishing connection on its event loop. Closed loop: keeps {@code window} QoS 1
 * publishes unacknowledged (QoS 0: writes while the socket accepts). Open loop: publishes at
 * {@code rate} messages per second, each stamped with the time it was due (so a broker that falls
 * behind shows up as latency, not as a slower schedule), with {@code window} as the in-flight cap.
 * Stops publishing at {@code stopNanos}.
 */
final class PublishLoop implements BenchClient.Listener {

  /** Builds the payload of one publish from its stamp, publisher index and sequence number. */
  interface PayloadFactory {
    ByteBuf payload(long stampNanos, int publisher, long sequence);
  }

  private static final int QOS0_BATCH = 64;

  private final BenchClient client;
  private final int index;
  private final LongFunction<String> topics;
  private final int qos;
  /** Custom payloads ({@link #payloads(PayloadFactory)}), or null for the harness's own. */
  private PayloadFactory payloads;
  /** The harness's payload, rewritten for each publish (the client copies it into the packet). */
  private final ByteBuf scratch;
  private final int payloadSize;
  private final int window;
  private final double rate;
  private final long stopNanos;
  private final Metrics metrics;
  private final boolean ackLatency;
  private final long[] sentAt;
  private final int mask;
  private long startNanos;
  private volatile long sequence;
  private volatile long acked;
  private int inflight;
  private boolean waitingForDrain;
  private OpenLoopSchedule schedule;
  private ScheduledFuture<?> wakeUp;
  private BenchClient.Listener deliveries = new BenchClient.Listener() {};

  /**
   * @param topics     the topic of each sequence number
   * @param ackLatency whether to record publish → PUBACK latency (fan-in), rather than leaving
   *                   latency to the subscribers
   */
  PublishLoop(BenchClient client, int index, LongFunction<String> topics, LoadSettings s,
              double ratePerConnection, long stopNanos, Metrics metrics, boolean ackLatency) {
    this.client = client;
    this.index = index;
    this.topics = topics;
    this.qos = s.qos;
    this.payloadSize = s.payload;
    this.scratch = Unpooled.buffer(Payloads.size(s.payload));
    this.window = Math.max(1, Math.min(s.window, 16_384));
    this.rate = ratePerConnection;
    this.stopNanos = stopNanos;
    this.metrics = metrics;
    this.ackLatency = ackLatency;
    int slots = Integer.highestOneBit(window * 2 - 1) << 1;
    this.sentAt = new long[Math.min(slots, 32_768)];
    this.mask = sentAt.length - 1;
  }

  /** Publishes {@code factory}'s payloads instead of the harness's binary ones. */
  PublishLoop payloads(PayloadFactory factory) {
    this.payloads = factory;
    return this;
  }

  /** Starts publishing; may be called from any thread. */
  void start() {
    // Keep whatever already listens to this client's deliveries (the shadow scenario's receiver):
    // the loop only needs the PUBACKs.
    deliveries = client.listener();
    client.listener(this);
    client.context().runOnContext(v -> {
      startNanos = System.nanoTime();
      if (rate > 0) {
        schedule = new OpenLoopSchedule(startNanos, rate);
        onTick();
      } else {
        fill();
      }
    });
  }

  /** Messages published so far (read after the loop has stopped). */
  long published() {
    return sequence;
  }

  /** Publishes acknowledged so far. */
  long acknowledged() {
    return acked;
  }

  int index() {
    return index;
  }

  private boolean stopped(long now) {
    if (now < stopNanos && !client.isClosed()) {
      return false;
    }
    if (wakeUp != null) {
      wakeUp.cancel(false);
      wakeUp = null;
    }
    return true;
  }

  private void onTick() {
    wakeUp = null;
    long now = System.nanoTime();
    if (stopped(now)) {
      return;
    }
    while (schedule.isDue(sequence, now) && canSend()) {
      send(schedule.dueAt(sequence));
    }
    if (waitingForDrain) {
      return; // the drain handler resumes the schedule
    }
    // Next wake-up: the next message's due time; with the window full (the broker is behind by a
    // whole window), in a millisecond.
    long next = schedule.isDue(sequence, now) ? now + 1_000_000 : schedule.dueAt(sequence);
    wakeUp = ((ContextInternal) client.context()).nettyEventLoop()
        .schedule(this::onTick, next - now, TimeUnit.NANOSECONDS);
  }

  private void fill() {
    waitingForDrain = false;
    long now = System.nanoTime();
    if (stopped(now)) {
      return;
    }
    if (qos > 0) {
      // Refilled from the PUBACK handler, inside a read: Vert.x flushes the window's publishes once,
      // when the read completes.
      while (canSend()) {
        send(System.nanoTime(), true);
      }
      return;
    }
    // QoS 0 is never inside a read: without this, Vert.x would flush each publish on its own, a
    // system call and a TCP segment per message on both ends, where QoS 1 sends a window's worth.
    int batch = 0;
    try {
      while (canSend()) {
        send(System.nanoTime(), false);
        if (++batch == QOS0_BATCH) {
          client.context().runOnContext(v -> fill()); // let the event loop read and write in between
          return;
        }
      }
    } finally {
      client.flush(); // the batch's publishes in one socket write
    }
  }

  private boolean canSend() {
    if (client.writeQueueFull()) {
      if (!waitingForDrain) {
        waitingForDrain = true;
        client.onDrain(rate > 0 ? this::resumeSchedule : this::fill);
      }
      return false;
    }
    return qos == 0 || (inflight < window && sentAt[(int) (sequence & mask)] == 0);
  }

  private void resumeSchedule() {
    waitingForDrain = false;
    if (wakeUp == null) {
      onTick();
    }
  }

  private void send(long stampNanos) {
    send(stampNanos, true);
  }

  /** {@code flush}: write it to the socket now; otherwise the caller flushes after its burst. */
  private void send(long stampNanos, boolean flush) {
    long seq = sequence++;
    int packetId = 0;
    if (qos > 0) {
      int slot = (int) (seq & mask);
      sentAt[slot] = stampNanos;
      packetId = slot + 1;
      inflight++;
    }
    ByteBuf payload = payloads == null
        ? Payloads.rewrite(scratch, stampNanos, index, seq, payloadSize)
        : payloads.payload(stampNanos, index, seq);
    try {
      if (flush) {
        client.publish(topics.apply(seq), payload, qos, packetId);
      } else {
        client.publishUnflushed(topics.apply(seq), payload, qos, packetId);
      }
    } finally {
      if (payloads != null) {
        payload.release(); // copied into the packet
      }
    }
    metrics.sent.increment();
  }

  @Override
  public void onMessage(String topic, io.netty.buffer.ByteBuf payload) {
    deliveries.onMessage(topic, payload);
  }

  @Override
  public void onPubAck(int packetId) {
    int slot = packetId - 1;
    if (slot < 0 || slot >= sentAt.length || sentAt[slot] == 0) {
      return;
    }
    if (ackLatency) {
      metrics.latencyNanos(System.nanoTime() - sentAt[slot]);
    }
    sentAt[slot] = 0;
    inflight--;
    acked++;
    metrics.acked.increment();
    if (rate <= 0 && !waitingForDrain) {
      fill();
    }
  }
}
