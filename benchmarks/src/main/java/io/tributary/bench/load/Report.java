package io.tributary.bench.load;

import io.tributary.bench.report.LineChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's report directory: {@code report.md} with the settings, headline throughput,
 * latency percentiles, figures and checks of every scenario run, and for each run
 * {@code NAME-throughput.png} (rates per second over time) and {@code NAME-latency.png} (latency by
 * percentile). Further Markdown sections (the compare mode's ratio table) go first.
 */
final class Report {

  static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};
  private static final double[] CHART_PERCENTILES = {0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100};

  private Report() {}

  /** Writes {@code report.md} and the charts into {@code dir} (created); returns the Markdown file. */
  static Path write(Path dir, String title, List<String> sections, List<RunResult> results) throws IOException {
    Files.createDirectories(dir);
    StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
    md.append("Written ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))
        .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores.\n\n");
    sections.forEach(s -> md.append(s).append("\n"));
    for (RunResult r : results) {
      section(md, dir, r);
    }
    Path file = dir.resolve("report.md");
    Files.writeString(file, md.toString());
    return file;
  }

  private static void section(StringBuilder md, Path dir, RunResult r) throws IOException {
    md.append("## ").append(r.scenario()).append(" — ").append(r.broker()).append("\n\n");
    if (r.isSkipped()) {
      md.append("Skipped: ").append(r.skippedReason()).append("\n\n");
      return;
    }
    md.append("| setting | value |\n|---|---|\n");
    r.settings().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append(String.format("%n**%s %s**%n%n", LoadHarness.formatRate(r.throughput()), r.throughputLabel()));
    if (r.latency() != null) {
      md.append("Latency, ").append(r.latencyLabel()).append(" (ms, ")
          .append(String.format("%,d", r.latency().getTotalCount())).append(" samples):\n\n");
      md.append("| p50 | p90 | p99 | p99.9 | max |\n|---|---|---|---|---|\n|");
      for (double p : PERCENTILES) {
        md.append(String.format(" %.3f |", r.latencyMillis(p)));
      }
      md.append("\n\n");
    }
    md.append("| figure | value |\n|---|---|\n");
    for (Map.Entry<String, String> e : r.figures().entrySet()) {
      md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
    }
    md.append("\n").append(r.passed() ? "Checks: passed." : "Checks FAILED: " + String.join("; ", r.failures()))
        .append("\n\n");
    throughputChart(dir, r);
    md.append("![throughput](").append(r.name()).append("-throughput.png)\n\n");
    if (r.latency() != null) {
      latencyChart(dir, r);
      md.append("![latency](").append(r.name()).append("-latency.png)\n\n");
    }
  }

  private static void throughputChart(Path dir, RunResult r) throws IOException {
    List<Timeline.Sample> samples = r.samples();
    int n = samples.size();
    double[] x = new double[n];
    double[] sent = new double[n];
    double[] acked = new double[n];
    double[] received = new double[n];
    for (int i = 0; i < n; i++) {
      Timeline.Sample s = samples.get(i);
      x[i] = s.second();
      sent[i] = s.sent();
      acked[i] = s.acked();
      received[i] = s.received();
    }
    LineChart chart = new LineChart(r.scenario() + " on " + r.broker() + ": throughput", "seconds", "per second");
    chart.series("published", x, sent);
    if (samples.stream().anyMatch(s -> s.acked() > 0)) {
      chart.series("acknowledged", x, acked);
    }
    if (samples.stream().anyMatch(s -> s.received() > 0)) {
      chart.series("received", x, received);
    }
    chart.write(dir.resolve(r.name() + "-throughput.png"));
  }

  /** Latency against percentile, on the usual log scale of 1 / (1 - p). */
  private static void latencyChart(Path dir, RunResult r) throws IOException {
    double[] x = new double[CHART_PERCENTILES.length];
    double[] y = new double[CHART_PERCENTILES.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = logScale(CHART_PERCENTILES[i]);
      y[i] = r.latencyMillis(CHART_PERCENTILES[i]);
    }
    double[] ticks = {logScale(0), logScale(90), logScale(99), logScale(99.9), logScale(99.99)};
    String[] labels = {"0", "90", "99", "99.9", "99.99"};
    new LineChart(r.scenario() + " on " + r.broker() + ": latency, " + r.latencyLabel(), "percentile", "ms")
        .series(r.latencyLabel(), x, y)
        .xTicks(ticks, v -> {
          for (int i = 0; i < ticks.length; i++) {
            if (ticks[i] == v) {
              return labels[i];
            }
          }
          return "";
        })
        .write(dir.resolve(r.name() + "-latency.png"));
  }

  private static double logScale(double percentile) {
    return Math.log10(1 / Math.max(1e-5, 1 - percentile / 100));
  }
}
