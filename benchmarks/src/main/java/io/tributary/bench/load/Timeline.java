package io.tributary.bench.load;

import io.tributary.bench.load.Metrics.Counts;
import io.tributary.bench.load.NodeProbe.Usage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The once-a-second heartbeat of a run: samples the counters, the latency interval and the node's
 * CPU and memory, prints a progress line, and keeps the series for the report. Seconds
 * {@code 1..warmup} are warm-up, the next {@code duration} seconds are measured, later ones are the
 * drain; latencies from the measured and drain seconds make up the run's histogram.
 */
final class Timeline implements AutoCloseable {

  /** One second of a run; rates are per second, latencies in milliseconds (NaN when none). */
  record Sample(int second, String phase, double sent, double acked, double received,
                double p50Ms, double p99Ms, double cpuPercent, long rssKb) {}

  private final Metrics metrics;
  private final NodeProbe probe;
  private final PrintStream out;
  private final int warmup;
  private final int duration;
  private final Supplier<String> status;
  private final Histogram total = new Histogram(3_600_000_000_000L, 3);
  private final List<Sample> samples = new ArrayList<>();
  private final CountDownLatch warmupEnd = new CountDownLatch(1);
  private final CountDownLatch measuredEnd = new CountDownLatch(1);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-timeline");
    t.setDaemon(true);
    return t;
  });
  private int tick;
  private Counts last;
  private Usage lastUsage;
  private Counts measureStart;
  private Counts measureEnd;
  private Usage usageStart;
  private Usage usageEnd;

  Timeline(Metrics metrics, NodeProbe probe, PrintStream out, int warmup, int duration, Supplier<String> status) {
    this.metrics = metrics;
    this.probe = probe;
    this.out = out;
    this.warmup = warmup;
    this.duration = duration;
    this.status = status;
  }

  Timeline start() {
    last = metrics.counts();
    lastUsage = probe == null ? null : probe.sample();
    measureStart = last;
    usageStart = lastUsage;
    if (warmup == 0) {
      warmupEnd.countDown();
    }
    timer.scheduleAtFixedRate(this::onTick, 1, 1, TimeUnit.SECONDS);
    return this;
  }

  /** Blocks until the warm-up is over. */
  void awaitWarmupEnd() throws InterruptedException {
    warmupEnd.await();
  }

  /** Blocks until the measured seconds are over. */
  void awaitMeasuredEnd() throws InterruptedException {
    measuredEnd.await();
  }

  private void onTick() {
    tick++;
    Counts now = metrics.counts();
    Counts d = now.minus(last);
    Usage usage = probe == null ? null : probe.sample();
    Histogram interval = metrics.intervalLatency();
    if (tick > warmup) {
      total.add(interval);
    }
    if (tick == warmup) {
      measureStart = now;
      usageStart = usage;
      warmupEnd.countDown();
    }
    if (tick == warmup + duration) {
      measureEnd = now;
      usageEnd = usage;
      measuredEnd.countDown();
    }
    String phase = tick <= warmup ? "warm-up" : tick <= warmup + duration ? "run" : "drain";
    double secs = Math.max(1e-9, d.seconds());
    double cpu = usage != null && lastUsage != null ? usage.cpuPercentSince(lastUsage) : Double.NaN;
    Sample s = new Sample(tick, phase, d.sent() / secs, d.acked() / secs, d.received() / secs,
        millis(interval, 50), millis(interval, 99), cpu, usage == null ? 0 : usage.rssKb());
    synchronized (samples) {
      samples.add(s);
    }
    out.println(line(s));
    last = now;
    lastUsage = usage;
  }

  private String line(Sample s) {
    StringBuilder b = new StringBuilder(String.format("[%4ds %-7s] sent %,9.0f/s  acked %,9.0f/s  recv %,9.0f/s",
        s.second(), s.phase(), s.sent(), s.acked(), s.received()));
    if (!Double.isNaN(s.p50Ms())) {
      b.append(String.format("  p50 %.2f ms  p99 %.2f ms", s.p50Ms(), s.p99Ms()));
    }
    if (!Double.isNaN(s.cpuPercent())) {
      b.append(String.format("  | node cpu %.0f%% rss %,d MB", s.cpuPercent(), s.rssKb() / 1024));
    }
    String extra = status == null ? null : status.get();
    if (extra != null && !extra.isEmpty()) {
      b.append("  ").append(extra);
    }
    return b.toString();
  }

  private static double millis(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
  }

  /** Counter increments over the measured seconds (up to now if they are not over). */
  Counts measuredCounts() {
    synchronized (samples) {
      Counts end = measureEnd != null ? measureEnd : metrics.counts();
      return end.minus(measureStart);
    }
  }

  /** Average CPU of the node over the measured seconds, percent of one core; NaN without a probe. */
  double measuredCpuPercent() {
    Usage end = usageEnd != null ? usageEnd : lastUsage;
    return usageStart == null || end == null ? Double.NaN : end.cpuPercentSince(usageStart);
  }

  List<Sample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  /** Latencies of the measured and drain seconds; call after {@link #close()}. */
  Histogram latency() {
    return total;
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdown();
    timer.awaitTermination(5, TimeUnit.SECONDS);
    // Latencies recorded since the last tick belong to the drain.
    total.add(metrics.intervalLatency());
  }
}
