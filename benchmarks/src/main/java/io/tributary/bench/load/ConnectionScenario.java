package io.tributary.bench.load;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code connections}: opens {@code --connections} idle MQTT connections at {@code --connect-rate}
 * per second (spread over loopback source addresses), holds them for {@code --duration} seconds
 * and reports how many the broker accepted and, with {@code --node-pid}, its resident memory growth
 * per connection.
 */
final class ConnectionScenario {

  RunResult run(Vertx vertx, LoadSettings s, PrintStream out) throws Exception {
    String run = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    long fdLimit = openFileLimit();
    if (fdLimit > 0 && s.connections + 1000 > fdLimit) {
      out.printf("warning: %,d connections need more than this process's open-file limit (%,d): raise it "
          + "with ulimit -n (the broker needs the same)%n", s.connections, fdLimit);
    }
    NodeProbe probe = NodeProbe.of(s.nodePid);
    NodeProbe.Usage before = probe == null ? null : probe.sample();
    Metrics metrics = new Metrics();
    RunResult r = new RunResult("connections", s.label, s.describe());
    try (Fleet fleet = new Fleet(vertx, s)) {
      Timeline timeline = new Timeline(metrics, probe, out, 0, Integer.MAX_VALUE,
          () -> String.format("open %,d / %,d, failed %,d", fleet.open(), s.connections, fleet.failures()));
      timeline.start();
      long started = System.nanoTime();
      fleet.connect("bench-" + run + "-idle-", s.connections, s.connectRate);
      double rampSeconds = (System.nanoTime() - started) / 1e9;
      TimeUnit.SECONDS.sleep(s.duration); // hold the connections idle while the timeline samples
      int open = fleet.open();
      NodeProbe.Usage after = probe == null ? null : probe.sample();
      timeline.close();
      r.samples(timeline.samples()).throughput(open / rampSeconds, "connections/s (ramp)");
      r.figure("connections requested", s.connections).figure("connections open at end", open)
          .figure("connections failed", fleet.failures())
          .figure("ramp time", String.format("%.1f s", rampSeconds));
      if (fleet.firstFailure() != null) {
        r.figure("first failure", String.valueOf(fleet.firstFailure().getMessage()));
      }
      if (before != null && after != null) {
        long growthKb = after.rssKb() - before.rssKb();
        r.figure("node RSS before / after", String.format("%,d MB / %,d MB", before.rssKb() / 1024,
            after.rssKb() / 1024));
        r.figure("node RSS growth per connection", String.format("%.1f KB", open == 0 ? 0.0 : (double) growthKb / open));
        r.figure("node threads", after.threads());
        r.figure("note", "a JVM's RSS grows as its heap is committed: the per-connection figure means something "
            + "with 10,000+ connections and the node started with -Xms equal to -Xmx");
      }
      if (open < s.connections) {
        r.fail((s.connections - open) + " of " + s.connections + " connections not open at the end");
      }
      out.printf("connections: %,d open; closing%n", open);
    }
    return r;
  }

  /** This process's soft limit on open files, or -1 when unknown. */
  private static long openFileLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
          return "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
