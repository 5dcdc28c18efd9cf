package io.tributary.ingest;

import io.tributary.core.config.Profile;
import io.tributary.core.config.TributaryConfig;
import io.tributary.ingest.auth.DevModeSecurity;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.Utils;

/**
 * An embedded Kafka broker and any number of gateway nodes on it, each with its own Vert.x, MQTT
 * listener and HTTP server on free ports. Topic prefixes are unique per harness, so test classes
 * sharing a JVM do not see each other's messages. The broker is shared by every harness in the JVM
 * (starting one takes seconds) unless a test asks for its own, e.g. to stop it.
 */
public final class GatewayHarness implements AutoCloseable {
  private static EmbeddedKafka shared;

  private final EmbeddedKafka kafka;
  private final boolean ownKafka;
  private final Path ownDir;
  private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
  private final List<Node> nodes = new ArrayList<>();
  private int started;

  /** A running gateway node. */
  public record Node(Vertx vertx, Gateway gateway, HttpServer http, TributaryConfig config) {
    public int mqttPort() {
      return gateway.mqttPort();
    }

    public int httpPort() {
      return http.actualPort();
    }

    public int mqttTlsPort() {
      return gateway.mqttTlsPort();
    }
  }

  /** A harness on the JVM's shared Kafka broker. */
  public GatewayHarness() throws Exception {
    this(false);
  }

  /** With {@code ownKafka}, a broker of its own that {@link #close()} stops. */
  public GatewayHarness(boolean ownKafka) throws Exception {
    this.ownKafka = ownKafka;
    this.ownDir = ownKafka ? Files.createTempDirectory("tributary-it") : null;
    this.kafka = ownKafka ? EmbeddedKafka.start(ownDir.resolve("kafka"), 0) : sharedKafka();
  }

  private static synchronized EmbeddedKafka sharedKafka() throws Exception {
    if (shared == null || !shared.isRunning()) {
      Path dir = Files.createTempDirectory("tributary-it");
      EmbeddedKafka k = EmbeddedKafka.start(dir.resolve("kafka"), 0);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(k, dir), "embedded-kafka-stop"));
      shared = k;
    }
    return shared;
  }

  /** Stops {@code kafka} and deletes its directory, so that test runs do not fill the disk. */
  private static void stopAndDelete(EmbeddedKafka kafka, Path dir) {
    kafka.close();
    try {
      Utils.delete(dir.toFile());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public String topicPrefix() {
    return prefix;
  }

  public TributaryConfig config(Profile profile) {
    TributaryConfig c = TributaryConfig.defaults();
    c.node.dev = true;
    c.node.profile = profile;
    c.kafka.bootstrap = kafka.bootstrapServers();
    c.kafka.topicPrefix = prefix;
    c.kafka.partitions = 3;
    c.listeners.mqtt = 0;
    c.listeners.mqttTls = -1;
    c.listeners.http = 0;
    return c;
  }

  public Node start() throws Exception {
    return start(Profile.MQTT, c -> { });
  }

  public Node start(Profile profile, Consumer<TributaryConfig> tweak) throws Exception {
    return start(profile, tweak, null);
  }

  /** Starts a node whose TLS listener (enabled by {@code listeners.mqttTls >= 0}) uses {@code tls}. */
  public Node start(Profile profile, Consumer<TributaryConfig> tweak, KeyCertOptions tls) throws Exception {
    return start(profile, tweak, tls, "node-" + (++started), Clock.systemUTC());
  }

  /** Starts a node with a given id (a restarted node keeps its id) and clock. */
  public Node start(Profile profile, Consumer<TributaryConfig> tweak, String nodeId, Clock clock) throws Exception {
    return start(profile, tweak, null, nodeId, clock);
  }

  private Node start(Profile profile, Consumer<TributaryConfig> tweak, KeyCertOptions tls, String nodeId, Clock clock)
      throws Exception {
    TributaryConfig c = config(profile);
    tweak.accept(c);
    Vertx vertx = Vertx.vertx();
    GatewayOptions options = new GatewayOptions(c, nodeId, kafka.bootstrapServers(), tls,
        DevModeSecurity.INSTANCE, DevModeSecurity.INSTANCE, clock);
    Gateway g = Gateway.start(vertx, options)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    Router router = Router.router(vertx);
    g.mountHttp(router);
    HttpServer http = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
            .setWebSocketSubProtocols(List.of("mqtt", "mqttv3.1"))
            // as the node's HTTP listener: a WebSocket frame may carry the largest MQTT packet
            .setMaxWebSocketFrameSize(c.mqtt.maxPacketBytes + 1024)
            .setMaxWebSocketMessageSize(c.mqtt.maxPacketBytes + 1024))
        .requestHandler(router).listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Node n = new Node(vertx, g, http, c);
    nodes.add(n);
    return n;
  }

  /** Stops one node the way a process exit would: gateway first, then its Vert.x. */
  public void stop(Node n) throws Exception {
    nodes.remove(n);
    n.gateway().stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    n.vertx().close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    for (Node n : new ArrayList<>(nodes)) {
      stop(n);
    }
    if (ownKafka) {
      stopAndDelete(kafka, ownDir);
    }
  }
}
