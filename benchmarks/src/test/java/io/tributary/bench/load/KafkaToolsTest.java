package io.tributary.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Parsing the summaries of Kafka 4.4's ProducerPerformance and EndToEndLatency, as they print them, and
 * of {@link KafkaLatencyProbe}.
 */
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
  void theLatencyProbesSummariesAreReadBackByName() throws IOException {
    String output = "[main] INFO org.apache.kafka.clients.producer.KafkaProducer - closing\n"
        + KafkaLatencyProbe.summary("acknowledged", new KafkaLatencyProbe.Latency(100_000, 1.8123, 1.702, 3.9, 8.25, 41))
        + "\n" + KafkaLatencyProbe.summary("consumed", new KafkaLatencyProbe.Latency(100_000, 2.5, 2.4075, 5.1, 9, 42.5))
        + "\n";

    KafkaLatencyProbe.Latency consumed = KafkaLatencyProbe.parse(output, "consumed");
    KafkaLatencyProbe.Latency acknowledged = KafkaLatencyProbe.parse(output, "acknowledged");

    assertThat(consumed).isEqualTo(new KafkaLatencyProbe.Latency(100_000, 2.5, 2.408, 5.1, 9, 42.5));
    assertThat(acknowledged.p50Ms()).as("to the microsecond").isEqualTo(1.702);
    assertThat(acknowledged.meanMs()).isEqualTo(1.812);
    assertThatThrownBy(() -> KafkaLatencyProbe.parse(output, "round-trip"))
        .isInstanceOf(IOException.class).hasMessageContaining("round-trip");
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
