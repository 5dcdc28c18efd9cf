package io.tributary.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatiosTest {

  @Test
  void liveHeapPerConnectionIsJudgedAgainstEightKilobytes() {
    assertThat(Ratios.heapVerdict("3,687 B")).isEqualTo("yes");
    assertThat(Ratios.heapVerdict("3.687 B")).as("another locale's grouping").isEqualTo("yes");
    assertThat(Ratios.heapVerdict("8,192 B")).isEqualTo("yes");
    assertThat(Ratios.heapVerdict("8,193 B")).isEqualTo("no");
    assertThat(Ratios.heapVerdict("12 KB")).isEqualTo("n/a");
  }
}
