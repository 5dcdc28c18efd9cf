package io.tributary.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The end-to-end load harness: drives a running MQTT broker over real sockets with one scenario
 * (or, with {@code compare}, Tributary beside mosquitto and Kafka's own tools), prints a progress
 * line a second and writes a report directory (Markdown and PNG charts). Exit code 0 when every
 * run passed its checks, 1 when one failed (e.g. a lost message), 2 on bad arguments.
 */
@Command(name = "load-harness", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Drives a running MQTT broker and reports throughput, latency and the node's CPU and memory.")
public final class LoadHarness implements Callable<Integer> {

  /** The scenarios, by their command-line names. */
  public static final List<String> SCENARIOS = List.of("fan-in", "d2d", "fan-out", "connections", "shadow", "rules");

  @Parameters(index = "0", paramLabel = "SCENARIO",
      description = "fan-in | d2d | fan-out | connections | shadow | rules | compare")
  String scenario;

  @Mixin
  LoadSettings settings = new LoadSettings();

  @Mixin
  CompareSettings compare = new CompareSettings();

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(new CommandLine(new LoadHarness()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    if ("compare".equals(scenario)) {
      return new CompareRun(settings, compare, out).run() ? 0 : 1;
    }
    if (!SCENARIOS.contains(scenario)) {
      throw new CommandLine.ParameterException(new CommandLine(this), "unknown scenario '" + scenario
          + "'; one of " + String.join(", ", SCENARIOS) + ", compare");
    }
    RunResult result = run(scenario, settings, out);
    Path dir = settings.reportDir != null ? settings.reportDir : defaultReportDir(scenario);
    Path report = Report.write(dir, "Tributary load harness: " + scenario, List.of(), List.of(result));
    printSummary(out, result);
    out.println("report: " + report.toAbsolutePath());
    return result.passed() ? 0 : 1;
  }

  /** Runs one scenario against the broker in {@code s}, on a Vert.x instance of its own. */
  public static RunResult run(String scenario, LoadSettings s, PrintStream out) throws Exception {
    // epoll where available: its timers fire to the microsecond (NIO's selector waits in whole
    // milliseconds), so the open-loop publish schedule adds less of its own wait to every latency.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(s.threads).setPreferNativeTransport(true));
    try {
      return switch (scenario) {
        case "fan-in" -> new MessageScenario(MessageScenario.Shape.FAN_IN).run(vertx, s, out);
        case "d2d" -> new MessageScenario(MessageScenario.Shape.D2D).run(vertx, s, out);
        case "fan-out" -> new MessageScenario(MessageScenario.Shape.FAN_OUT).run(vertx, s, out);
        case "connections" -> new ConnectionScenario().run(vertx, s, out);
        case "shadow" -> new ShadowScenario().run(vertx, s, out);
        case "rules" -> new RulesScenario().run(vertx, s, out);
        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
      };
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** Writes the report of {@code results} into {@code dir}; returns {@code report.md}. */
  public static Path writeReport(Path dir, String title, List<RunResult> results) throws Exception {
    return Report.write(dir, title, List.of(), results);
  }

  static Path defaultReportDir(String name) {
    return Path.of("bench-reports", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
        + "-" + name);
  }

  static void printSummary(PrintStream out, RunResult r) {
    out.println();
    out.printf("== %s on %s ==%n", r.scenario(), r.broker());
    if (r.isSkipped()) {
      out.println("skipped: " + r.skippedReason());
      return;
    }
    out.printf("throughput: %s %s%n", formatRate(r.throughput()), r.throughputLabel());
    if (r.latency() != null) {
      out.printf("latency (%s): p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
          r.latencyLabel(), r.latencyMillis(50), r.latencyMillis(90), r.latencyMillis(99),
          r.latencyMillis(99.9), r.latencyMillis(100));
    }
    r.figures().forEach((k, v) -> out.printf("%s: %s%n", k, v));
    out.println(r.passed() ? "checks: passed" : "checks FAILED: " + String.join("; ", r.failures()));
  }

  static String formatRate(double v) {
    return Double.isNaN(v) ? "n/a" : String.format("%,.0f", v);
  }
}
