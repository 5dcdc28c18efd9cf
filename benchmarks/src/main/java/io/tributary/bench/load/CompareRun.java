package io.tributary.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code compare}: the same load generator and payloads against Tributary (the running node given
 * by {@code --host/--port}) and against a mosquitto it starts, plus Kafka's ProducerPerformance and
 * EndToEndLatency on the node's Kafka, and {@link KafkaLatencyProbe} (EndToEndLatency's method to the
 * microsecond, and Kafka at the latency run's rate with the node's clients), all in one run;
 * then the targets as ratios (Tributary / reference) in a table, printed and at the top of
 * the report.
 */
final class CompareRun {

  private final LoadSettings base;
  private final CompareSettings options;
  private final PrintStream out;
  private final List<RunResult> results = new ArrayList<>();

  CompareRun(LoadSettings base, CompareSettings options, PrintStream out) {
    this.base = base.copy();
    if (this.base.kafkaBootstrap == null) {
      this.base.kafkaBootstrap = "127.0.0.1:9092";
    }
    this.options = options;
    this.out = out;
  }

  /** Runs everything; returns whether every run passed its own checks (zero loss). */
  boolean run() throws Exception {
    Ratios ratios = new Ratios();
    LoadSettings tributary = base.copy();
    tributary.label = "tributary";
    warmUp(tributary);
    ratios.tributaryIngestQos1 = scenario("fan-in", qos(tributary, 1));
    ratios.tributaryIngestQos0 = scenario("fan-in", qos(tributary, 0));
    ratios.tributaryD2d = scenario("d2d", qos(tributary, 1));
    ratios.tributaryLatency = scenario("d2d", paced(qos(tributary, 1)));
    if (options.withConnections > 0) {
      LoadSettings c = tributary.copy();
      c.connections = options.withConnections;
      c.duration = Math.min(c.duration, 10);
      ratios.connections = scenario("connections", c);
    }
    if (options.withShadow) {
      ratios.shadow = scenario("shadow", tributary.copy());
    }
    if (options.withRules > 0) {
      LoadSettings r = qos(tributary, 1);
      r.rules = options.withRules;
      ratios.rules = scenario("rules", r); // an absolute figure: AWS's rules engine is no reference here
    }
    mosquitto(ratios);
    kafka(ratios);
    String table = ratios.table();
    out.println();
    out.println(table);
    Path dir = base.reportDir != null ? base.reportDir : LoadHarness.defaultReportDir("compare");
    Path report = Report.write(dir, "Tributary beside its references", List.of(ratios.setup(base, options), table),
        results);
    out.println("report: " + report.toAbsolutePath());
    return results.stream().allMatch(RunResult::passed);
  }

  private void mosquitto(Ratios ratios) throws Exception {
    Path executable = Mosquitto.find(options.mosquitto);
    if (executable == null) {
      ratios.note("mosquitto is not installed (benchmarks/compare.sh installs it with apt-get): "
          + "no mosquitto references in this run.");
      return;
    }
    try (Mosquitto mosquitto = Mosquitto.start(executable, options.serverNice)) {
      LoadSettings m = base.copy();
      m.label = "mosquitto";
      m.port = mosquitto.port();
      m.nodePid = mosquitto.pid();
      m.kafkaBootstrap = null;
      out.printf("%nmosquitto (%s) on port %d, pid %d%n", executable, mosquitto.port(), mosquitto.pid());
      ratios.mosquittoIngestQos1 = scenario("fan-in", qos(m, 1));
      ratios.mosquittoD2d = scenario("d2d", qos(m, 1));
      ratios.mosquittoLatency = scenario("d2d", paced(qos(m, 1)));
    }
  }

  private void kafka(Ratios ratios) throws Exception {
    settleWriteback();
    out.printf("%nKafka's ProducerPerformance on %s (acks=all, %d-byte records)%n", base.kafkaBootstrap,
        Payloads.size(base.payload));
    ratios.producer = KafkaTools.producerPerformance(base.kafkaBootstrap, options.kafkaPartitions,
        options.kafkaRecords, Payloads.size(base.payload), out);
    settleWriteback();
    out.printf("%nKafka's EndToEndLatency on %s%n", base.kafkaBootstrap);
    ratios.endToEnd = KafkaTools.endToEndLatency(base.kafkaBootstrap, options.e2eRecords,
        Payloads.size(base.payload), out);
    settleWriteback();
    out.printf("%nKafka's end-to-end latency to the microsecond, EndToEndLatency's method, on %s%n",
        base.kafkaBootstrap);
    ratios.roundTrip = KafkaTools.roundTrip(base.kafkaBootstrap, options.e2eRecords, Payloads.size(base.payload), out);
    settleWriteback();
    out.printf("%nKafka's end-to-end latency at the latency run's rate (%,.0f records/s, the node's clients, "
        + "linger.ms=%d, max.in.flight.requests.per.connection=%d) on %s%n", options.latencyRate,
        options.gatewayLingerMs, options.gatewayMaxInFlight, base.kafkaBootstrap);
    ratios.paced = KafkaTools.paced(base.kafkaBootstrap, options.kafkaPartitions, options.latencyRate,
        base.connections, options.gatewayLingerMs, options.gatewayMaxInFlight, KafkaTools.pacedWarmupSeconds(base.warmup), base.duration,
        Payloads.size(base.payload), out);
  }

  /** Unrecorded load (publish and deliver paths) so that the measured runs see JIT-compiled code. */
  private void warmUp(LoadSettings tributary) throws Exception {
    if (options.jitWarmup <= 0) {
      return;
    }
    out.printf("%n>> warm-up on %s: %d s of unrecorded load (JIT)%n", tributary.label, options.jitWarmup);
    LoadSettings w = qos(tributary, 1);
    w.duration = Math.max(1, options.jitWarmup / 2);
    w.warmup = 0;
    LoadHarness.run("fan-in", w, out);
    LoadHarness.run("d2d", w, out);
    // The latency run's paced publishing (the harness's open-loop schedule, and the node's path at a
    // moderate rate) is code of its own on both sides: in a harness started afresh, the first seconds
    // of a paced run measured 200-575 ms at p99, against 10-20 ms once running.
    LoadHarness.run("d2d", paced(withDuration(w, Math.max(1, options.jitWarmup / 6))), out);
    if (options.withShadow) {
      // The shadow path (the job, its transactions, the responses) compiles separately: cold, its
      // first ten seconds or so queue updates for seconds and set the run's p99.
      LoadSettings sh = tributary.copy();
      sh.duration = Math.max(1, options.jitWarmup / 2);
      sh.warmup = 0;
      LoadHarness.run("shadow", sh, out);
    }
  }

  private RunResult scenario(String name, LoadSettings s) throws Exception {
    boolean messages = !name.equals("connections") && !name.equals("shadow");
    settleWriteback();
    out.printf("%n>> %s on %s%s%n", name, s.label, messages ? " (" + s.describe().get("load") + ")" : "");
    RunResult r = LoadHarness.run(name, s, out);
    LoadHarness.printSummary(out, r);
    results.add(r);
    return r;
  }

  /**
   * Writes the page cache's dirty data back ({@code sync}) before a measured run, Kafka's tools
   * included. A flood leaves up to a gigabyte of Kafka's log dirty, which the kernel writes back about 30 s later
   * ({@code vm.dirty_expire_centisecs}), in the middle of the next run: in the latency run that
   * followed the device-to-device flood, a 250-430 ms stall (p99 78-258 ms instead of 8-20).
   */
  private void settleWriteback() throws InterruptedException {
    long start = System.nanoTime();
    try {
      Process sync = new ProcessBuilder("sync").redirectErrorStream(true).start();
      if (!sync.waitFor(2, TimeUnit.MINUTES)) {
        sync.destroy();
        out.println("sync did not finish in 2 minutes; the run starts anyway");
        return;
      }
    } catch (IOException e) {
      out.println("cannot run sync (" + e.getMessage() + "); the run starts with the page cache as it is");
      return;
    }
    out.printf("%nsync: the page cache's dirty data written back in %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  private static LoadSettings withDuration(LoadSettings s, int seconds) {
    LoadSettings c = s.copy();
    c.duration = seconds;
    return c;
  }

  private static LoadSettings qos(LoadSettings s, int qos) {
    LoadSettings c = s.copy();
    c.qos = qos;
    return c;
  }

  private LoadSettings paced(LoadSettings s) {
    LoadSettings c = s.copy();
    c.rate = options.latencyRate;
    return c;
  }
}
