package io.tributary.bench.load;

/**
 * An open-loop publisher's timetable: message {@code k} is due {@code k / rate} seconds after the
 * start, so the first is due at the start itself. A message is stamped with its due time, and the
 * latency a subscriber records runs from there; a message sent later than due (the broker pushed
 * back, the event loop woke late) shows the wait as latency rather than hiding it in a slower
 * schedule.
 */
record OpenLoopSchedule(long startNanos, double ratePerSecond) {

  OpenLoopSchedule {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
    }
  }

  /** When message {@code sequence} (0, 1, ...) is due, in {@link System#nanoTime()} terms. */
  long dueAt(long sequence) {
    return startNanos + (long) (sequence * 1e9 / ratePerSecond);
  }

  /** Whether message {@code sequence} is due at {@code nowNanos}. */
  boolean isDue(long sequence, long nowNanos) {
    return dueAt(sequence) <= nowNanos;
  }
}
