package io.tributary.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Parsing the summaries of Kafka 4.4's ProducerPerformance and EndToEndLatency, as they print them. */
class KafkaToolsTest {

  @Test
  void producerPerformanceTakesTheFinalSummaryNotTheProgressLines() throws IOException {
    String output = """
        Option --producer-props has been deprecated and will be removed in a future version.
        25332 records sent, 5061.3 records/sec (0.48 MB/sec), 428.2 ms avg latency, 2368.0 ms max latency.
        98586 records sent, 19646.5 records/sec (1.87 MB/sec), 1139.2 ms avg latency, 2671.0 ms max latency.
        300000 records sent, 19147.306612 records/sec (1.83 MB/sec), 2053.63 ms avg latency, 3909.00 ms max \
        latency, 2247 ms 50th, 3503 ms 95th, 3705 ms 99th, 3870 ms 99.9th.
        """;

    KafkaTools.ProducerResult r = KafkaTools.parseProducerPerformance(output);

    assertThat(r.records()).isEqualTo(300_000);
    assertThat(r.recordsPerSecond()).isEqualTo(19147.306612);
    assertThat(r.megabytesPerSecond()).isEqualTo(1.83);
    assertThat(r.avgMs()).isEqualTo(2053.63);
    assertThat(r.p50Ms()).isEqualTo(2247);
    assertThat(r.p99Ms()).isEqualTo(3705);
  }

  @Test
  void pacedProducerPerformanceTakesTheSteadyStateSummaryNotTheWholeRun() throws IOException {
    String output = """
        Warmup first 50000 records. Steady state results will print after the complete test summary.
        24987 records sent, 4996.4 records/sec (0.48 MB/sec), 6.3 ms avg latency, 682.0 ms max latency.
        In steady state.
        24972 records sent, 4994.4 records/sec (0.48 MB/sec), 2.7 ms avg latency, 40.0 ms max latency.
        150000 records sent, 4989.024147 records/sec (0.48 MB/sec), 3.09 ms avg latency, 682.00 ms max latency, \
        3 ms 50th, 6 ms 95th, 24 ms 99th, 52 ms 99.9th.
        100000 steady state records sent, 4979.583707 records/sec (0.47 MB/sec), 2.37 ms avg latency, 40.00 ms max \
        latency, 3 ms 50th, 4 ms 95th, 6 ms 99th, 27 ms 99.9th.
        """;

    KafkaTools.ProducerResult steady = KafkaTools.parseSteadyState(output);
    KafkaTools.ProducerResult whole = KafkaTools.parseProducerPerformance(output);

    assertThat(steady.records()).isEqualTo(100_000);
    assertThat(steady.recordsPerSecond()).isEqualTo(4979.583707);
    assertThat(steady.avgMs()).isEqualTo(2.37);
    assertThat(steady.p50Ms()).isEqualTo(3);
    assertThat(steady.p99Ms()).isEqualTo(6);
    assertThat(whole.records()).as("the whole run's summary, warm-up included").isEqualTo(150_000);
    assertThat(whole.p99Ms()).isEqualTo(24);
    assertThatThrownBy(() -> KafkaTools.parseSteadyState("150000 records sent, 4989.0 records/sec (0.48 MB/sec), "
        + "3.09 ms avg latency, 682.00 ms max latency, 3 ms 50th, 6 ms 95th, 24 ms 99th, 52 ms 99.9th."))
        .as("no steady-state line: the tool ran without --warmup-records").isInstanceOf(IOException.class);
  }

  @Test
  void endToEndLatencyReadsAverageAndPercentiles() throws IOException {
    String output = """
        Topic "bench.e2e" does not exist. Will create topic with 1 partition(s) and replication factor = 1
        0\t513.4849859999999
        Avg latency: 10.8333 ms
        Percentiles: 50th = 7, 99th = 58, 99.9th = 513
        """;

    KafkaTools.LatencyResult r = KafkaTools.parseEndToEndLatency(output);

    assertThat(r.avgMs()).isEqualTo(10.8333);
    assertThat(r.p50Ms()).isEqualTo(7);
    assertThat(r.p99Ms()).isEqualTo(58);
    assertThat(r.p999Ms()).isEqualTo(513);
  }

  @Test
  void missingSummariesAreErrorsThatShowTheOutput() {
    assertThatThrownBy(() -> KafkaTools.parseProducerPerformance("Exception in thread main"))
        .isInstanceOf(IOException.class).hasMessageContaining("Exception in thread main");
    assertThatThrownBy(() -> KafkaTools.parseEndToEndLatency("Avg latency: 3 ms"))
        .isInstanceOf(IOException.class);
  }
}
