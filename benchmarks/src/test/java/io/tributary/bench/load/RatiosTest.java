package io.tributary.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.HdrHistogram.Histogram;
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

  @Test
  void latencyIsSetBesideKafkasEndToEndToTheMicrosecondAsTheGoalAndBesideKafkaAtTheSameRateAsContext() {
    Ratios ratios = new Ratios();
    ratios.tributaryLatency = new RunResult("d2d", "tributary", Map.of()).latency(millis(3, 12), "publish → subscriber");
    ratios.endToEnd = new KafkaTools.LatencyResult(2.47, 1, 11, 23);
    ratios.roundTrip = new KafkaLatencyProbe.Latency(5_000, 2.45, 1.875, 11.5, 23.1, 40);
    ratios.paced = new KafkaLatencyProbe.Paced(new KafkaLatencyProbe.Latency(100_000, 2.1, 2, 6, 9, 30),
        new KafkaLatencyProbe.Latency(100_000, 4.2, 4, 8, 12, 35));

    String table = ratios.table();

    assertThat(table).as("the goal is set against the probe, not the tool's whole milliseconds").contains(
        "| latency p50 vs Kafka end-to-end (EndToEndLatency's method, to the µs) | 3.000 ms | 1.875 ms | 1.60 | <= 1.5 | no |");
    assertThat(table).contains(
        "| latency p99 vs Kafka end-to-end (EndToEndLatency's method, to the µs) | 12.000 ms | 11.500 ms | 1.04 | <= 2.0 | yes |");
    assertThat(table).as("context: no goal, never met or missed").contains(
        "| latency p50 vs Kafka end-to-end at the same rate, the node's clients (context) | 3.000 ms | 4.000 ms | 0.75 | — | n/a |");
    assertThat(table).contains(
        "| latency p99 vs Kafka end-to-end at the same rate, the node's clients (context) | 12.000 ms | 8.000 ms | 1.50 | — | n/a |");
    assertThat(table).contains(
        "| latency p50 vs Kafka's acknowledgement at the same rate (context) | 3.000 ms | 2.000 ms | 1.50 | — | n/a |");
    assertThat(table).contains(
        "| latency p99 vs Kafka's acknowledgement at the same rate (context) | 12.000 ms | 6.000 ms | 2.00 | — | n/a |");
    assertThat(table).as("the tool's own printout, beside the probe's, as the cross-check").contains(
        "Kafka's EndToEndLatency in this run: average 2.47 ms, p50 1 ms, p99 11 ms, p99.9 23 ms (whole milliseconds, "
            + "truncated); its method to the microsecond: mean 2.450 ms, p50 1.875 ms, p99 11.500 ms, p99.9 23.100 ms.");
  }

  @Test
  void theShadowScenarioShowsTheRateItOfferedNotAVerdictOnTheJobsCeiling() {
    Ratios ratios = new Ratios();
    ratios.shadow = new RunResult("shadow", "tributary", Map.of()).throughput(1_601, "updates/s accepted")
        .latency(millis(80, 200), "update → accepted").figure("updates offered per second", 1_600);

    assertThat(ratios.table()).contains("| shadow updates over MQTT, 1,600/s offered (update → accepted p99 200.00 ms; "
        + "the job's ceiling: ShadowJobBenchmark) | 1,601/s | — | — | >= 30,000/s (the job) | n/a |");
  }

  /** Ninety-eight samples of {@code p50} ms and two of {@code p99} ms: those are the median and the 99th percentile. */
  private static Histogram millis(long p50, long p99) {
    Histogram h = new Histogram(5); // fine enough that whole milliseconds print as such
    h.recordValueWithCount(p50 * 1_000_000, 98);
    h.recordValueWithCount(p99 * 1_000_000, 2);
    return h;
  }
}
