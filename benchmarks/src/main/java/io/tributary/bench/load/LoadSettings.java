package io.tributary.bench.load;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The knobs of one load run; picocli fills them from the command line, tests set them directly. */
public final class LoadSettings {

  @Option(names = "--host", description = "Broker host (default: ${DEFAULT-VALUE}).")
  public String host = "127.0.0.1";

  @Option(names = "--port", description = "Broker MQTT port (default: ${DEFAULT-VALUE}).")
  public int port = 1883;

  @Option(names = "--connections", description = "Publishing connections; subscribers in fan-out; "
      + "connections to open in the connections scenario (default: ${DEFAULT-VALUE}).")
  public int connections = 8;

  @Option(names = "--qos", description = "QoS of publishes and subscriptions, 0 or 1 (default: ${DEFAULT-VALUE}).")
  public int qos = 1;

  @Option(names = "--payload", description = "Payload bytes, at least 20 (default: ${DEFAULT-VALUE}).")
  public int payload = 100;

  @Option(names = "--rate", description = "Open loop: total publishes per second over all publishers; "
      + "0 means closed loop (default: ${DEFAULT-VALUE}).")
  public double rate = 0;

  @Option(names = "--window", description = "Unacknowledged QoS 1 publishes per connection (closed loop: "
      + "kept full; open loop: the cap) (default: ${DEFAULT-VALUE}).")
  public int window = 100;

  @Option(names = "--duration", description = "Measured seconds after warm-up (default: ${DEFAULT-VALUE}).")
  public int duration = 10;

  @Option(names = "--warmup", description = "Warm-up seconds, not measured (default: ${DEFAULT-VALUE}).")
  public int warmup = 3;

  @Option(names = "--drain", description = "Seconds to wait after the run for outstanding acknowledgements "
      + "and deliveries (default: ${DEFAULT-VALUE}).")
  public int drain = 10;

  @Option(names = "--node-pid", description = "PID of the broker process, for its CPU and memory from /proc.")
  public long nodePid;

  @Option(names = "--report-dir", description = "Report directory (default: bench-reports/<time>-<scenario>).")
  public Path reportDir;

  @Option(names = "--keep-alive", description = "MQTT keep-alive seconds (default: ${DEFAULT-VALUE}).")
  public int keepAlive = 600;

  @Option(names = "--source-addresses", description = "Loopback source addresses 127.0.0.2.. to spread "
      + "connections over (0: one per 20,000 connections) (default: ${DEFAULT-VALUE}).")
  public int sourceAddresses;

  @Option(names = "--connect-rate", description = "New connections per second in the connections scenario "
      + "(default: ${DEFAULT-VALUE}).")
  public int connectRate = 2000;

  @Option(names = "--things-per-connection", description = "Shadow scenario: things each connection updates "
      + "in turn, at most 25 (AWS's 50 subscriptions per connection) (default: ${DEFAULT-VALUE}).")
  public int thingsPerConnection = 20;

  @Option(names = "--threads", description = "Event-loop threads of the load generator (default: 2 x cores).")
  public int threads = 2 * Runtime.getRuntime().availableProcessors();

  @Option(names = "--kafka-bootstrap", description = "The broker's Kafka: fan-in then also counts the records "
      + "added to the message topic (compare: default 127.0.0.1:9092).")
  public String kafkaBootstrap;

  @Option(names = "--message-topic", description = "The node's message topic (default: ${DEFAULT-VALUE}).")
  public String messageTopic = "tributary.messages";

  @Option(names = "--http-port", description = "The node's HTTP port, for the rules scenario's topic-rule REST "
      + "calls (default: ${DEFAULT-VALUE}).")
  public int httpPort = 8080;

  @Option(names = "--rules", description = "Rules scenario: topic rules to install, one of which matches every "
      + "message (default: ${DEFAULT-VALUE}).")
  public int rules = 100;

  @Option(names = "--label", description = "Name of the broker under test in reports (default: ${DEFAULT-VALUE}).")
  public String label = "tributary";

  /** Whether publishers are paced at {@link #rate} rather than kept at their window. */
  boolean openLoop() {
    return rate > 0;
  }

  /** A copy, so that the compare mode can vary one run without touching the others. */
  LoadSettings copy() {
    LoadSettings c = new LoadSettings();
    c.host = host;
    c.port = port;
    c.connections = connections;
    c.qos = qos;
    c.payload = payload;
    c.rate = rate;
    c.window = window;
    c.duration = duration;
    c.warmup = warmup;
    c.drain = drain;
    c.nodePid = nodePid;
    c.reportDir = reportDir;
    c.keepAlive = keepAlive;
    c.sourceAddresses = sourceAddresses;
    c.connectRate = connectRate;
    c.thingsPerConnection = thingsPerConnection;
    c.threads = threads;
    c.label = label;
    c.kafkaBootstrap = kafkaBootstrap;
    c.messageTopic = messageTopic;
    c.httpPort = httpPort;
    c.rules = rules;
    return c;
  }

  /** The settings a report lists for a run. */
  Map<String, String> describe() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("broker", label + " at " + host + ":" + port);
    d.put("connections", Integer.toString(connections));
    d.put("qos", Integer.toString(qos));
    d.put("payload bytes", Integer.toString(Payloads.size(payload)));
    d.put("load", openLoop() ? String.format("open loop, %.0f msg/s", rate)
        : "closed loop, window " + window + " per connection");
    d.put("warm-up / measured", warmup + " s / " + duration + " s");
    return d;
  }
}
