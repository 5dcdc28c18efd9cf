package io.tributary.bench.load;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code connections}: opens {@code --connections} idle MQTT connections at {@code --connect-rate}
 * per second (spread over loopback source addresses), holds them for {@code --duration} seconds
 * and reports how many the broker accepted (every one must get its CONNACK) and, with {@code
 * --node-pid}, the node's memory per connection: live heap growth after a full GC, by class (the
 * figure that says what a connection costs), native memory outside the heap when the node runs
 * with Native Memory Tracking, and resident memory (which also counts heap the GC merely touched).
 */
final class ConnectionScenario {

  /** Classes listed in the report by their live-heap growth per connection. */
  private static final int TOP_CLASSES = 15;

  RunResult run(Vertx vertx, LoadSettings s, PrintStream out) throws Exception {
    String run = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    NodeProbe probe = NodeProbe.of(s.nodePid);
    long fdLimit = NodeProbe.openFileLimit(Path.of("/proc/self/limits"));
    long nodeFdLimit = probe == null ? -1 : probe.openFileLimit();
    warnAboutFileLimit(out, s.connections, fdLimit, "this process's");
    warnAboutFileLimit(out, s.connections, nodeFdLimit, "the node's");
    NodeProbe.Heap heapBefore = probe == null ? null : probe.heap();
    long nativeBefore = probe == null ? -1 : probe.nativeNonHeapKb();
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
      NodeProbe.Heap heapAfter = heapBefore == null ? null : probe.heap();
      long nativeAfter = nativeBefore < 0 ? -1 : probe.nativeNonHeapKb();
      int stillOpen = fleet.open();
      timeline.close();
      r.samples(timeline.samples()).throughput(open / rampSeconds, "connections/s (ramp)");
      r.figure("connections requested", s.connections).figure("connections open at end", open)
          .figure("connections failed", fleet.failures())
          .figure("connect rate asked", String.format("%,d/s", s.connectRate))
          .figure("ramp time", String.format("%.1f s", rampSeconds));
      r.figure("open-file limit (load generator / node)", limit(fdLimit) + " / " + limit(nodeFdLimit));
      if (fleet.firstFailure() != null) {
        r.figure("first failure", String.valueOf(fleet.firstFailure().getMessage()));
      }
      if (heapBefore != null && heapAfter != null) {
        long growth = heapAfter.totalBytes() - heapBefore.totalBytes();
        r.figure("node live heap before / after (after a full GC)", String.format("%,d MB / %,d MB",
            heapBefore.totalBytes() >> 20, heapAfter.totalBytes() >> 20));
        r.figure("node live heap growth per connection", String.format("%,.0f B", perConnection(growth, open)));
        for (Map.Entry<String, Long> e : heapAfter.topGrowth(heapBefore, TOP_CLASSES)) {
          r.figure("  heap per connection: " + e.getKey(), String.format("%,.0f B (%.2f instances)",
              perConnection(e.getValue(), open),
              perConnection(heapAfter.instanceGrowth(heapBefore, e.getKey()), open)));
        }
      }
      if (nativeBefore >= 0 && nativeAfter >= 0) {
        r.figure("node native memory outside the heap (NMT committed) growth per connection",
            String.format("%,.0f B (includes JIT code and compiler arenas warming up)",
                perConnection((nativeAfter - nativeBefore) * 1024, open)));
      }
      if (before != null && after != null) {
        long growthKb = after.rssKb() - before.rssKb();
        r.figure("node RSS before / after", String.format("%,d MB / %,d MB", before.rssKb() / 1024,
            after.rssKb() / 1024));
        r.figure("node RSS growth per connection", String.format("%.1f KB", perConnection(growthKb, open)));
        r.figure("node threads", after.threads());
        r.figure("note", "RSS also counts heap the collector touched but that holds nothing live; the live-heap "
            + "figure (after a full GC) is what a connection costs. Start the node with -Xms equal to -Xmx and "
            + "-XX:NativeMemoryTracking=summary, and use 10,000+ connections");
      }
      if (open < s.connections) {
        r.fail((s.connections - open) + " of " + s.connections + " connections not open at the end");
      }
      if (stillOpen < open) {
        r.fail((open - stillOpen) + " connections closed while the node's memory was sampled");
      }
      out.printf("connections: %,d open; closing%n", open);
    }
    return r;
  }

  private static double perConnection(long amount, int connections) {
    return connections == 0 ? 0.0 : (double) amount / connections;
  }

  private static String limit(long limit) {
    return limit < 0 ? "unknown" : limit == Long.MAX_VALUE ? "unlimited" : String.format("%,d", limit);
  }

  private static void warnAboutFileLimit(PrintStream out, int connections, long limit, String whose) {
    if (limit > 0 && connections + 1000 > limit) {
      out.printf("warning: %,d connections need more than %s open-file limit (%,d): raise it with ulimit -n "
          + "(hard limit: ulimit -Hn; a container may not allow raising it)%n", connections, whose, limit);
    }
  }
}
