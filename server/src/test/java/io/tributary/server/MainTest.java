package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, Consumer<TributaryNode> whileRunning, String... args) {
    return Main.run(args, env, whileRunning, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private int run(String... args) {
    return run(Map.of(), node -> { }, args);
  }

  @Test
  void versionPrintsTheBuildVersion() {
    assertThat(run("version")).isZero();
    assertThat(out.toString()).startsWith("tributary 0.1.0-SNAPSHOT (Java ");
  }

  @Test
  void helpListsTheCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("start").contains("version");

    assertThat(run("start", "--help")).isZero();
    assertThat(out.toString()).contains("--dev").contains("--data-dir").contains("--config").contains("--set");
  }

  @Test
  void startWithoutDevRefusesWithExitCode2() {
    assertThat(run("start", "--data-dir", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("authentication is not available yet in this build; "
        + "start with --dev for a loopback-only development node");
    assertThat(dir.resolve("kafka")).doesNotExist();
  }

  @Test
  void anUnknownKeyIsAnErrorNamingIt() {
    assertThat(run("start", "--dev", "--set", "mqtt.maxPayload=1")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown configuration key 'mqtt.maxPayload' (from --set mqtt.maxPayload=1)");
  }

  @Test
  void aNegativeRulesIdleStopIsRefusedAtStartUp() {
    assertThat(run(Map.of("TRIBUTARY_RULES_IDLE_STOP_AFTER_SECONDS", "-1"), node -> { },
        "start", "--dev", "--data-dir", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("invalid value '-1' for 'rules.idleStopAfterSeconds' "
        + "(from environment variable TRIBUTARY_RULES_IDLE_STOP_AFTER_SECONDS): expected a whole number of at least 0");
    assertThat(dir.resolve("kafka")).doesNotExist();
  }

  @Test
  void anUnknownFlagIsAUsageError() {
    assertThat(run("start", "--devv")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--devv'");
  }

  @Test
  void startDevRunsANodeFromFlagsFileAndEnvironment() throws Exception {
    Path file = dir.resolve("tributary.yaml");
    Files.writeString(file, "listeners:\n  http: 0\n  https: 0\n  mqtt: 0\n  mqttTls: 0\nnode:\n  id: from-file\n");
    AtomicReference<JsonObject> health = new AtomicReference<>();
    AtomicReference<Boolean> flightRecorderReadied = new AtomicReference<>();
    AtomicReference<List<String>> recordingsWhileRunning = new AtomicReference<>();

    int code = run(Map.of("TRIBUTARY_KAFKA_EMBEDDED_PORT", "0", "TRIBUTARY_NODE_ID", "from-env"),
        node -> {
          health.set(fetchHealth(node));
          flightRecorderReadied.set(FlightRecorder.isInitialized());
          recordingsWhileRunning.set(runningRecordings());
        },
        "start", "--dev", "--config", file.toString(), "--data-dir", dir.resolve("data").toString(),
        "--set", "node.id=from-flag", "--set", "listeners.https=-1");

    assertThat(code).isZero();
    assertThat(health.get().getString("status")).isEqualTo("UP");
    assertThat(health.get().getString("nodeId")).isEqualTo("from-flag");
    assertThat(health.get().getJsonObject("listeners").getInteger("https")).isEqualTo(-1);
    assertThat(dir.resolve("data/kafka/meta.properties")).exists();
    assertThat(flightRecorderReadied.get()).as("the flight recorder is readied before the node starts").isTrue();
    assertThat(recordingsWhileRunning.get()).as("and records nothing").isEmpty();
  }

  private static List<String> runningRecordings() {
    return FlightRecorder.getFlightRecorder().getRecordings().stream()
        .filter(r -> r.getState() == RecordingState.RUNNING).map(Recording::getName).toList();
  }

  private static JsonObject fetchHealth(TributaryNode node) {
    try {
      return new JsonObject(TestNodes.get("http://127.0.0.1:" + node.httpPort() + "/health").body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
