package io.tributary.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one scenario run measured: its headline throughput, the latency histogram (null when the
 * scenario measures none), the per-second series, further figures by name, and whether it passed
 * its own checks (zero loss). A skipped run carries only the reason.
 */
public final class RunResult {

  private final String scenario;
  private final String broker;
  private final Map<String, String> settings;
  private final Map<String, String> figures = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private String throughputLabel = "msg/s";
  private double throughput = Double.NaN;
  private Histogram latency;
  private String latencyLabel = "";
  private List<Timeline.Sample> samples = List.of();
  private String skipped;

  RunResult(String scenario, String broker, Map<String, String> settings) {
    this.scenario = scenario;
    this.broker = broker;
    this.settings = settings;
  }

  static RunResult skipped(String scenario, LoadSettings s, String reason) {
    RunResult r = new RunResult(scenario, s.label, s.describe());
    r.skipped = reason;
    return r;
  }

  RunResult throughput(double value, String label) {
    this.throughput = value;
    this.throughputLabel = label;
    return this;
  }

  RunResult latency(Histogram histogram, String label) {
    this.latency = histogram == null || histogram.getTotalCount() == 0 ? null : histogram;
    this.latencyLabel = label;
    return this;
  }

  RunResult samples(List<Timeline.Sample> series) {
    this.samples = List.copyOf(series);
    return this;
  }

  RunResult figure(String name, String value) {
    figures.put(name, value);
    return this;
  }

  RunResult figure(String name, long value) {
    return figure(name, String.format("%,d", value));
  }

  RunResult fail(String why) {
    failures.add(why);
    return this;
  }

  public String scenario() {
    return scenario;
  }

  public String broker() {
    return broker;
  }

  /** A short name for file names and tables: scenario and broker. */
  public String name() {
    return scenario + "-" + broker;
  }

  public Map<String, String> settings() {
    return settings;
  }

  public Map<String, String> figures() {
    return figures;
  }

  public double throughput() {
    return throughput;
  }

  public String throughputLabel() {
    return throughputLabel;
  }

  /** Latency histogram in nanoseconds, or null. */
  public Histogram latency() {
    return latency;
  }

  public String latencyLabel() {
    return latencyLabel;
  }

  /** Latency at {@code percentile} in milliseconds, NaN without latencies. */
  public double latencyMillis(double percentile) {
    return latency == null ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e6;
  }

  public List<Timeline.Sample> samples() {
    return samples;
  }

  public boolean isSkipped() {
    return skipped != null;
  }

  public String skippedReason() {
    return skipped;
  }

  /** Checks the run failed (message loss, connections refused); empty when it passed. */
  public List<String> failures() {
    return failures;
  }

  public boolean passed() {
    return failures.isEmpty();
  }
}
