package io.tributary.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.config.TributaryConfig;
import io.tributary.server.TributaryNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the load harness against a real dev-mode node: short fan-in and device-to-device
 * runs with small numbers, so that the harness cannot rot. Asserts only what does not depend on the
 * machine's speed: messages flowed, none was lost, the report was written.
 */
class LoadHarnessIT {

  @TempDir
  static Path temp;

  private static TributaryNode node;

  @BeforeAll
  static void startNode() {
    System.setProperty("java.awt.headless", "true");
    TributaryConfig config = TributaryConfig.defaults();
    config.node.dev = true;
    config.node.dataDir = temp.resolve("node").toString();
    config.kafka.embeddedPort = 0;
    config.listeners.mqtt = 0;
    config.listeners.mqttTls = 0;
    config.listeners.http = 0;
    config.listeners.https = 0;
    node = TributaryNode.start(config);
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  private static LoadSettings smallRun(int qos) {
    LoadSettings s = new LoadSettings();
    s.port = node.mqttPort();
    s.connections = 2;
    s.qos = qos;
    s.window = 10;
    s.warmup = 0;
    s.duration = 2;
    s.drain = 60; // ends as soon as everything is acknowledged and delivered
    s.threads = 2;
    s.nodePid = ProcessHandle.current().pid(); // the node runs in this JVM
    return s;
  }

  @Test
  void fanInAndDeviceToDeviceRunAndWriteTheirReport() throws Exception {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8);

    RunResult fanIn = LoadHarness.run("fan-in", smallRun(1), out);
    RunResult d2d = LoadHarness.run("d2d", smallRun(1), out);
    Path report = LoadHarness.writeReport(temp.resolve("report"), "smoke", List.of(fanIn, d2d));

    assertThat(fanIn.failures()).isEmpty();
    assertThat(fanIn.figures().get("acknowledged")).isNotEqualTo("0");
    assertThat(fanIn.figures().get("acknowledged")).isEqualTo(fanIn.figures().get("published"));
    assertThat(fanIn.latency()).isNotNull();

    assertThat(d2d.failures()).as("zero loss").isEmpty();
    assertThat(d2d.figures().get("lost")).isEqualTo("0");
    assertThat(d2d.figures().get("delivered (distinct)")).isNotEqualTo("0")
        .isEqualTo(d2d.figures().get("expected deliveries"));
    assertThat(d2d.latency()).isNotNull();

    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("[   1s run    ]");
    Path dir = report.getParent();
    assertThat(Files.readString(report)).contains("## fan-in — tributary", "## d2d — tributary", "| p50 |");
    for (String png : List.of("fan-in-tributary-throughput.png", "fan-in-tributary-latency.png",
        "d2d-tributary-throughput.png", "d2d-tributary-latency.png")) {
      assertThat(dir.resolve(png)).isNotEmptyFile();
      assertThat(Files.readAllBytes(dir.resolve(png))).startsWith(0x89, 'P', 'N', 'G');
    }
  }

  @Test
  void aQos0FanInWritesInBurstsAndItsMessagesLandInTheMessageTopic() throws Exception {
    LoadSettings s = smallRun(0);
    s.kafkaBootstrap = node.bootstrapServers(); // QoS 0 is counted where it lands
    RunResult fanIn = LoadHarness.run("fan-in", s, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));

    assertThat(fanIn.failures()).isEmpty();
    assertThat(Long.parseLong(fanIn.figures().get("published").replace(",", ""))).isPositive();
    // A burst left in the socket's buffer unflushed would never reach the node: nothing would land.
    assertThat(fanIn.throughput()).isPositive();
  }

  @Test
  void anOpenLoopRunPublishesOnItsScheduleAndLosesNothing() throws Exception {
    LoadSettings s = smallRun(1);
    s.rate = 200; // 100 msg/s per connection for 2 s: messages 0..199 of each are due
    RunResult d2d = LoadHarness.run("d2d", s, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(d2d.failures()).as("zero loss").isEmpty();
    long published = Long.parseLong(d2d.figures().get("published").replace(",", ""));
    // Every due message is sent when the loop wakes, even a late wake-up; only one racing the stop
    // can be left out.
    assertThat(published).isBetween(380L, 402L);
    assertThat(d2d.figures().get("delivered (distinct)")).isEqualTo(d2d.figures().get("expected deliveries"));
    assertThat(d2d.latency()).isNotNull();
  }

  @Test
  void theRulesScenarioCountsOneRuleOutputPerAcknowledgedPublish() throws Exception {
    LoadSettings s = smallRun(1);
    s.kafkaBootstrap = node.bootstrapServers();
    s.httpPort = node.httpPort();
    s.rules = 3;

    RunResult rules = LoadHarness.run("rules", s, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(rules.isSkipped()).as(String.valueOf(rules.skippedReason())).isFalse();
    assertThat(rules.failures()).isEmpty();
    assertThat(rules.figures().get("acknowledged")).isNotEqualTo("0");
    assertThat(rules.figures().get("rule outputs")).isEqualTo(rules.figures().get("acknowledged"));
    assertThat(rules.throughput()).isPositive();
    // the scenario deleted its rules
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> node.rulesJob().activeRules().isEmpty());
  }

  @Test
  void kafkasLatencyIsProbedToTheMicrosecondOneRecordAtATimeAndAtARate() throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    // each in a JVM of its own, as the compare runs them
    KafkaLatencyProbe.Latency roundTrip = KafkaTools.roundTrip(node.bootstrapServers(), 200, 100, quiet);
    KafkaLatencyProbe.Paced paced = KafkaTools.paced(node.bootstrapServers(), 3, 500, 4, 0, 1, 1, 2, 100, quiet);

    assertThat(roundTrip.count()).as("every round trip counts, as in EndToEndLatency").isEqualTo(200);
    assertThat(roundTrip.p50Ms()).isPositive().isLessThanOrEqualTo(roundTrip.p99Ms());
    assertThat(roundTrip.p99Ms()).isLessThanOrEqualTo(roundTrip.maxMs());
    // 500 records a second, the first second left out: the other 1,000, each acknowledged and consumed
    assertThat(paced.acknowledged().count()).isEqualTo(1_000);
    assertThat(paced.consumed().count()).isEqualTo(1_000);
    assertThat(paced.consumed().p50Ms()).isPositive().isLessThanOrEqualTo(paced.consumed().p99Ms());
    assertThat(paced.acknowledged().p50Ms()).isPositive().isLessThanOrEqualTo(paced.acknowledged().p99Ms());
  }
}
