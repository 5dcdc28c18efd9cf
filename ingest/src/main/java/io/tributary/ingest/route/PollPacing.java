package io.tributary.ingest.route;

import io.tributary.core.envelope.Envelope;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * When the message feed may take its time between polls. On a node whose subscribers get their
 * messages from the local fast path (everything published here), the feed's consumer only confirms
 * what was delivered already, and each fetch costs the broker and the feed thread far more than the
 * records in it: at 5,000 msg/s, reading eagerly meant 540 fetches a second and about a third of a
 * core. So while the consumer has caught up (nothing to read, no fast path waiting for it) and for
 * a second it has routed nothing the fast path does not carry, the feed polls at most once per
 * interval. The first record from elsewhere it routes (published on another node, or written by
 * the rules or shadow jobs) makes it eager again, so that only the first such record after a quiet
 * spell waits, at most the interval.
 *
 * <p>Which records the fast path carries is told by the envelope (this node's gateway wrote it),
 * not by which of the two paths saw a record first: an eager consumer often reads a record back
 * before the producer's acknowledgement of it has reached the fast path.
 *
 * <p>Times come from the clock it is given ({@link System#nanoTime()} in the feed), read only when a
 * decision needs one; not thread-safe (the feed thread's own).
 */
final class PollPacing {
  /** How long the feed stays eager after routing a record the fast path does not carry. */
  static final long EAGER_HOLD_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final String nodeId;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private long eagerUntilNanos;
  private long lastPollNanos;

  /**
   * @param nodeId   the id this node's gateway writes into the envelopes it publishes; null: always eager
   * @param interval the least time between polls while paced; zero: always eager
   */
  PollPacing(String nodeId, Duration interval, LongSupplier nanoClock) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("the feed's local poll interval must not be negative: " + interval);
    }
    this.nodeId = nodeId;
    this.intervalNanos = nodeId == null ? 0 : interval.toNanos();
    this.nanoClock = nanoClock;
    long now = nanoClock.getAsLong();
    this.eagerUntilNanos = now;
    this.lastPollNanos = now - intervalNanos;
  }

  /**
   * Whether the next poll may wait until {@link #nextPollNanos()}; otherwise the feed polls now.
   *
   * @param caughtUp the consumer has read everything it knows of and no fast path waits for it
   */
  boolean mayWait(boolean caughtUp) {
    return intervalNanos != 0 && caughtUp && nanoClock.getAsLong() - eagerUntilNanos >= 0;
  }

  /** When the next poll is due if it may wait: an interval after the last one. */
  long nextPollNanos() {
    return lastPollNanos + intervalNanos;
  }

  /** The feed polls now. */
  void polled() {
    if (intervalNanos != 0) {
      lastPollNanos = nanoClock.getAsLong();
    }
  }

  /** The consumer routed {@code e} to a subscriber: unless the fast path carries it too, read eagerly for a while. */
  void routed(Envelope e) {
    if (intervalNanos != 0 && !carriedByFastPath(e)) {
      eagerUntilNanos = nanoClock.getAsLong() + EAGER_HOLD_NANOS;
    }
  }

  /** Whether this node's gateway wrote {@code e}, so that the fast path routes it too. */
  private boolean carriedByFastPath(Envelope e) {
    return switch (e.origin()) {
      case MQTT, HTTP, WILL, LIFECYCLE -> nodeId.equals(e.sourceNode());
      case SHADOW, RULE -> false;
    };
  }
}
