package io.tributary.bench.load;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and latencies of one run, recorded from many event loops at once: counters are
 * {@link LongAdder}s, latencies go to an HdrHistogram {@link Recorder} (wait-free writers, one
 * reader: the {@link Timeline}).
 */
final class Metrics {

  /** Publishes written to the socket. */
  final LongAdder sent = new LongAdder();
  /** QoS 1 publishes acknowledged by the broker (or shadow updates accepted). */
  final LongAdder acked = new LongAdder();
  /** Messages delivered to subscribers (counting every copy). */
  final LongAdder received = new LongAdder();
  /** Requests the broker refused (shadow rejections). */
  final LongAdder rejected = new LongAdder();

  private final Recorder latency = new Recorder(3_600_000_000_000L, 3);

  void latencyNanos(long nanos) {
    latency.recordValue(Math.max(0, nanos));
  }

  /** Latencies recorded since the last call; called by one thread only. */
  Histogram intervalLatency() {
    return latency.getIntervalHistogram();
  }

  Counts counts() {
    return new Counts(System.nanoTime(), sent.sum(), acked.sum(), received.sum(), rejected.sum());
  }

  /** The counters at one moment. */
  record Counts(long atNanos, long sent, long acked, long received, long rejected) {
    Counts minus(Counts earlier) {
      return new Counts(atNanos - earlier.atNanos, sent - earlier.sent, acked - earlier.acked,
          received - earlier.received, rejected - earlier.rejected);
    }

    double seconds() {
      return atNanos / 1e9;
    }
  }
}
