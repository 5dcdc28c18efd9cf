package io.tributary.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Kafka's own tools as the references for ingest and latency through Kafka, run in child JVMs on
 * this process's class path (kafka-tools): {@code ProducerPerformance} with {@code acks=all}, and
 * {@code EndToEndLatency} (produce one record, consume it, repeat), parsed from their output; and
 * {@link KafkaLatencyProbe}, which measures Kafka's end-to-end latency to the microsecond with Kafka's
 * own clients where the tool prints whole milliseconds.
 */
final class KafkaTools {

  /** The final summary line: records, rate, average latency, percentiles (whole ms). */
  private static final Pattern RECORDS_PER_SEC = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec "
      + "\\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency.*?(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");
  private static final Pattern AVG = Pattern.compile("Avg latency: ([\\d.]+) ms");
  private static final Pattern PERCENTILES = Pattern.compile("50th = (\\d+), 99th = (\\d+), 99.9th = (\\d+)");

  /** ProducerPerformance's summary line. */
  record ProducerResult(long records, double recordsPerSecond, double megabytesPerSecond, double avgMs,
                        long p50Ms, long p99Ms) {}

  /** EndToEndLatency's summary: its average (ms) and percentiles (whole ms, as it prints them). */
  record LatencyResult(double avgMs, long p50Ms, long p99Ms, long p999Ms) {}

  private KafkaTools() {}

  static ProducerResult producerPerformance(String bootstrap, int partitions, long records, int recordSize,
                                            PrintStream out) throws IOException, InterruptedException {
    String topic = "bench.producer-perf." + Long.toHexString(System.nanoTime());
    createTopic(bootstrap, topic, partitions);
    String output = runTool(out, "org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
        "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
        "--throughput", "-1", "--command-property", "bootstrap.servers=" + bootstrap, "acks=all", "linger.ms=5");
    return parseProducerPerformance(output);
  }

  /** Seconds of the paced probe left out: a fresh JVM, compiling Kafka's client. */
  static int pacedWarmupSeconds(int harnessWarmupSeconds) {
    return Math.max(10, harnessWarmupSeconds);
  }

  /**
   * {@link KafkaLatencyProbe}'s round trips (EndToEndLatency's method, to the microsecond) in a child
   * JVM, as the tool runs, on a topic of one partition, as the tool creates it.
   */
  static KafkaLatencyProbe.Latency roundTrip(String bootstrap, long records, int recordSize, PrintStream out)
      throws IOException, InterruptedException {
    String topic = "bench.round-trip." + Long.toHexString(System.nanoTime());
    createTopic(bootstrap, topic, 1);
    String output = runTool(out, KafkaLatencyProbe.class.getName(), "--mode", "round-trip", "--bootstrap-server",
        bootstrap, "--topic", topic, "--records", Long.toString(records), "--acks", "all",
        "--record-size", Integer.toString(recordSize));
    return KafkaLatencyProbe.parse(output, "round-trip");
  }

  /**
   * {@link KafkaLatencyProbe} paced at {@code rate} records a second with the node's producer and feed
   * consumer settings, in a child JVM; the first {@code warmupSeconds} are left out.
   */
  static KafkaLatencyProbe.Paced paced(String bootstrap, int partitions, double rate, int keys, int lingerMs,
                                      int maxInFlight, int warmupSeconds, int seconds, int recordSize, PrintStream out)
      throws IOException, InterruptedException {
    String topic = "bench.paced." + Long.toHexString(System.nanoTime());
    createTopic(bootstrap, topic, partitions);
    String output = runTool(out, KafkaLatencyProbe.class.getName(), "--mode", "paced", "--bootstrap-server",
        bootstrap, "--topic", topic, "--rate", Long.toString(Math.round(rate)), "--keys", Integer.toString(keys),
        "--linger-ms", Integer.toString(lingerMs), "--max-in-flight", Integer.toString(maxInFlight), "--warmup-seconds", Integer.toString(warmupSeconds),
        "--seconds", Integer.toString(seconds), "--record-size", Integer.toString(recordSize));
    return new KafkaLatencyProbe.Paced(KafkaLatencyProbe.parse(output, "acknowledged"),
        KafkaLatencyProbe.parse(output, "consumed"));
  }

  /** ProducerPerformance's final summary line (the only one with percentiles). */
  static ProducerResult parseProducerPerformance(String output) throws IOException {
    MatchResult m = null;
    for (Matcher candidate = RECORDS_PER_SEC.matcher(output); candidate.find(); ) {
      m = candidate.toMatchResult(); // the last one is the final summary
    }
    if (m == null) {
      throw new IOException("no summary line in ProducerPerformance's output:\n" + output);
    }
    return new ProducerResult(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Long.parseLong(m.group(5)),
        Long.parseLong(m.group(7)));
  }

  static LatencyResult endToEndLatency(String bootstrap, long records, int recordSize, PrintStream out)
      throws IOException, InterruptedException {
    String topic = "bench.e2e-latency." + Long.toHexString(System.nanoTime());
    String output = runTool(out, "org.apache.kafka.tools.EndToEndLatency", "--bootstrap-server", bootstrap,
        "--topic", topic, "--num-records", Long.toString(records), "--producer-acks", "all",
        "--record-size", Integer.toString(recordSize));
    return parseEndToEndLatency(output);
  }

  /** EndToEndLatency's average and percentiles lines. */
  static LatencyResult parseEndToEndLatency(String output) throws IOException {
    Matcher avg = AVG.matcher(output);
    Matcher pct = PERCENTILES.matcher(output);
    if (!avg.find() || !pct.find()) {
      throw new IOException("no summary in EndToEndLatency's output:\n" + output);
    }
    return new LatencyResult(Double.parseDouble(avg.group(1)), Long.parseLong(pct.group(1)),
        Long.parseLong(pct.group(2)), Long.parseLong(pct.group(3)));
  }

  private static void createTopic(String bootstrap, String topic, int partitions) throws IOException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IOException("cannot create topic " + topic + " on " + bootstrap, e.getCause());
      }
    } catch (Exception e) {
      throw new IOException("cannot create topic " + topic + " on " + bootstrap, e);
    }
  }

  /** Runs {@code mainClass} in a child JVM with this class path; returns its output, echoing it. */
  private static String runTool(PrintStream out, String mainClass, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(List.of(args));
    out.println("$ " + mainClass.substring(mainClass.lastIndexOf('.') + 1) + " " + String.join(" ", args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    try (var reader = p.inputReader(StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.contains(" WARN ") && !line.contains(" INFO ") && !line.startsWith("SLF4J")) {
          out.println("  " + line);
        }
        output.append(line).append('\n');
      }
    }
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(mainClass + " failed:\n" + output);
    }
    return output.toString();
  }
}
