package io.tributary.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

  private static final long START = 1_000_000_000L;

  @Test
  void theFirstMessageIsDueAtTheStart() {
    OpenLoopSchedule s = new OpenLoopSchedule(START, 500);
    assertEquals(START, s.dueAt(0));
    assertTrue(s.isDue(0, START));
    assertFalse(s.isDue(0, START - 1));
  }

  @Test
  void messageKIsDueKIntervalsLaterAndNotBefore() {
    // 625/s: one every 1.6 ms. A schedule that counted "messages due by t" as floor(t * rate) would
    // hold message k until k + 1 intervals had passed and add a whole interval to every latency.
    OpenLoopSchedule s = new OpenLoopSchedule(START, 625);
    for (long k = 1; k < 10_000; k++) {
      long due = START + k * 1_600_000L;
      assertEquals(due, s.dueAt(k), "message " + k);
      assertTrue(s.isDue(k, due), "message " + k + " at its due time");
      assertFalse(s.isDue(k, due - 1), "message " + k + " just before");
      assertFalse(s.isDue(k + 1, due), "message " + (k + 1) + " one interval early");
    }
  }

  @Test
  void fractionalIntervalsDoNotDrift() {
    OpenLoopSchedule s = new OpenLoopSchedule(START, 3); // 333,333,333.3 ns apart
    assertEquals(START + 1_000_000_000L, s.dueAt(3));
    assertEquals(START + 100_000_000_000L, s.dueAt(300));
  }

  @Test
  void refusesANonPositiveRate() {
    assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(START, 0));
    assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(START, Double.NaN));
  }
}
