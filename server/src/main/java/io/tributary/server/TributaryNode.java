package io.tributary.server;

import io.tributary.connectors.ConnectorOptions;
import io.tributary.connectors.ConnectorWorker;
import io.tributary.core.config.Profile;
import io.tributary.core.config.TributaryConfig;
import io.tributary.core.topic.MatchMode;
import io.tributary.ingest.Gateway;
import io.tributary.ingest.GatewayOptions;
import io.tributary.ingest.auth.Authorizer;
import io.tributary.ingest.auth.DevModeSecurity;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.tributary.server.config.ConfigLoader;
import io.tributary.server.http.HealthCheck;
import io.tributary.server.http.HealthHandler;
import io.tributary.server.http.HttpListeners;
import io.tributary.server.shadow.ShadowHttp;
import io.tributary.server.rules.RuleShadowReader;
import io.tributary.server.rules.TopicRuleApi;
import io.tributary.rules.Lookups;
import io.tributary.shadow.ShadowService;
import io.tributary.server.tls.ServerCertificate;
import io.tributary.streams.rules.RulesJob;
import io.tributary.streams.shadow.ShadowJob;
import io.tributary.streams.shadow.ShadowJobConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Tributary node: Kafka (embedded unless {@code kafka.bootstrap} is set), Vert.x, the
 * device gateway, and the HTTP and HTTPS listeners sharing one router with {@code GET /health}.
 *
 * <pre>{@code
 * TributaryConfig config = TributaryConfig.defaults();
 * config.node.dev = true;
 * config.node.dataDir = tempDir.toString();
 * config.kafka.embeddedPort = 0;                      // port 0 everywhere in tests
 * config.listeners.mqtt = 0; config.listeners.mqttTls = 0;
 * config.listeners.http = 0; config.listeners.https = 0;
 * try (TributaryNode node = TributaryNode.start(config)) {
 *   connect("127.0.0.1", node.mqttPort());
 * }
 * }</pre>
 *
 * {@link #close()} stops everything in reverse order: gateway, HTTP, Vert.x, then Kafka.
 */
public final class TributaryNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TributaryNode.class);
  /** Why a node without {@code --dev} does not start, until the identity issue lands. */
  public static final String AUTHENTICATION_UNAVAILABLE =
      "authentication is not available yet in this build; start with --dev for a loopback-only development node";
  static final String LOOPBACK = "127.0.0.1";

  private final Closer closer = new Closer();
  private TributaryConfig config;
  private Path dataDir;
  private String nodeId;
  private EmbeddedKafka kafka;
  private String bootstrapServers;
  private Vertx vertx;
  private ServerCertificate certificate;
  private Gateway gateway;
  private RulesJob rulesJob;
  private RuleShadowReader ruleShadows;
  private Lookups ruleLookups = Lookups.none();
  private ConnectorWorker connectors;
  private HttpServer http;
  private HttpServer https;
  private ShadowJob shadowJob;
  private HealthHandler health;
  private String banner;
  private boolean closed;

  private Authorizer authorizer = DevModeSecurity.INSTANCE;

  private TributaryNode() {}

  /**
   * Starts a node and returns once every listener is bound. On failure, whatever was started is
   * stopped again before the exception propagates.
   *
   * @throws IllegalStateException when {@code node.dev} is false: only dev mode exists so far
   */
  public static TributaryNode start(TributaryConfig config) {
    return start(config, DevModeSecurity.INSTANCE);
  }

  /**
   * Starts a node whose clients are authorized by {@code authorizer} (authentication is still dev
   * mode's until the identity issue lands).
   */
  public static TributaryNode start(TributaryConfig config, Authorizer authorizer) {
    if (!config.node.dev) {
      throw new IllegalStateException(AUTHENTICATION_UNAVAILABLE);
    }
    TributaryNode node = new TributaryNode();
    node.authorizer = authorizer;
    try {
      node.startAll(config);
      return node;
    } catch (RuntimeException | Error e) {
      node.close();
      throw e;
    }
  }

  private void startAll(TributaryConfig requested) {
    long started = System.nanoTime();
    config = effective(requested);
    dataDir = Path.of(config.node.dataDir).toAbsolutePath().normalize();
    createDirectories(dataDir);
    nodeId = NodeIdentity.resolve(config.node.id, dataDir);
    config.node.id = nodeId;

    startKafka();
    vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(config.node.nativeTransport));
    LOG.info("network transport: {}", vertx.isNativeTransportEnabled() ? "epoll (native)" : "NIO");
    // Closing Vert.x also closes the HTTP and HTTPS servers it runs.
    closer.register("Vert.x", () -> Await.result(vertx.close(), Await.STOP_TIMEOUT, "closing Vert.x"));
    certificate = ServerCertificate.load(config.tls, dataDir, Clock.systemUTC().instant());
    KeyCertOptions tls = certificate.keyCertOptions();
    startGateway(tls);
    startRules();

    Router router = Router.router(vertx);
    List<HealthCheck> checks = new ArrayList<>();
    checks.add(new HealthCheck("gateway", gateway::isHealthy, this::gatewayDetails));
    checks.add(new HealthCheck("rulesJob", rulesJob::isHealthy, this::rulesJobDetails));
    checks.add(new HealthCheck("ruleConnectors", connectors::isRunning));
    if (kafka != null) {
      checks.add(new HealthCheck("embeddedKafka", kafka::isRunning));
    }
    if (config.shadow.enabled) {
      checks.add(new HealthCheck("shadowJob", () -> shadowJob == null || shadowJob.isHealthy()));
    }
    health = new HealthHandler(nodeId, kafka != null ? "embedded" : "external", bootstrapServers,
        this::listenerPorts, checks, Clock.systemUTC());
    router.get("/health").handler(health);
    mountRuleApi(router);
    gateway.mountHttp(router);
    http = listen(router, config.listeners.http, null, "HTTP");
    https = listen(router, config.listeners.https, tls, "HTTPS");
    if (config.shadow.enabled) {
      startShadows(router);
    }

    banner = Banner.render(nodeId, config.node.dev, config.node.profile.id(), dataDir.toString(), kafkaDescription(),
        bannerListeners(), tlsDescription(), (System.nanoTime() - started) / 1_000_000);
    LOG.info(banner);
  }

  /** The configuration the node runs with: a copy of the requested one, with dev mode's loopback host. */
  private static TributaryConfig effective(TributaryConfig requested) {
    TributaryConfig copy = ConfigLoader.copy(requested);
    if (copy.node.dev) {
      copy.listeners.host = LOOPBACK;
    }
    return copy;
  }

  private void startKafka() {
    String external = config.kafka.bootstrap;
    if (external != null && !external.isBlank()) {
      bootstrapServers = external.trim();
      return;
    }
    kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), config.kafka.embeddedPort);
    closer.register("embedded Kafka", kafka::close);
    bootstrapServers = kafka.bootstrapServers();
  }

  /** The gateway stops first on close: clients are told before Vert.x and Kafka go away. */
  private void startGateway(KeyCertOptions tls) {
    GatewayOptions options = new GatewayOptions(config, nodeId, bootstrapServers, tls, DevModeSecurity.INSTANCE,
        authorizer, java.time.Clock.systemUTC());
    gateway = Await.result(Gateway.start(vertx, options),
        Await.START_TIMEOUT, "starting the gateway");
    closer.register("gateway", () -> Await.result(gateway.stop(), Await.STOP_TIMEOUT, "stopping the gateway"));
  }

  /**
   * The shadow job starts once the HTTP port is known (it is announced for interactive queries) and
   * stops before the gateway; its REST routes go on the running router.
   */
  private void startShadows(Router router) {
    int port = http != null ? httpPort() : httpsPort();
    String host = config.listeners.host;
    if ("0.0.0.0".equals(host) || "::".equals(host)) {
      host = NodeIdentity.advertisedHost();
    }
    shadowJob = ShadowJob.start(ShadowJobConfig.of(config, bootstrapServers, nodeId, dataDir, host + ":" + port));
    closer.register("shadow job", shadowJob::close);
    if (ruleShadows != null) {
      ruleShadows.bind(shadowJob);
    }
    ShadowHttp shadowHttp = ShadowHttp.mount(router, gateway.broker(), shadowJob, config);
    closer.register("shadow REST", shadowHttp::close);
  }

  /** The rules job and the connector worker; both stop before the gateway. */
  private void startRules() {
    MatchMode mode = config.node.profile == Profile.AWS_STRICT ? MatchMode.AWS_STRICT : MatchMode.MQTT;
    if (config.shadow.enabled) { // get_thing_shadow reads the shadow job, bound once it runs
      ruleShadows = new RuleShadowReader(new ShadowService(ShadowJobConfig.limits(config.shadow)), Clock.systemUTC());
      ruleLookups = Lookups.none().withShadowReader(ruleShadows);
    }
    rulesJob = RulesJob.start(new RulesJob.Options(bootstrapServers, config.kafka, nodeId, dataDir.resolve("streams"),
        mode, Clock.systemUTC(), ruleLookups, Duration.ofSeconds(config.rules.idleStopAfterSeconds)));
    closer.register("rules job", rulesJob::close);
    connectors = ConnectorWorker.start(ConnectorOptions.of(bootstrapServers, config.kafka, nodeId));
    closer.register("rule connectors", connectors::close);
  }

  /** The message feed: whether it reads the message topic, how far behind it reads, and what it routed. */
  private Map<String, Object> gatewayDetails() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("feedReading", gateway.broker().feed().reading());
    details.put("feedLagRecords", gateway.broker().feed().lagRecords());
    details.put("routedMessages", gateway.broker().feed().routedCount());
    details.put("routedFast", gateway.broker().feed().routedFastCount());
    return details;
  }

  /** The rules job's state for {@code GET /health}: STOPPED (not consuming) while no rule is enabled is healthy. */
  private Map<String, Object> rulesJobDetails() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("state", rulesJob.state().name());
    details.put("consuming", rulesJob.isConsuming());
    details.put("enabledRules", rulesJob.activeRules().size());
    return details;
  }

  private void mountRuleApi(Router router) {
    TopicRuleApi api = TopicRuleApi.mount(router, bootstrapServers, config.kafka, nodeId, Clock.systemUTC(), ruleLookups);
    closer.register("topic-rule API", api::close);
  }

  private HttpServer listen(Router router, int port, KeyCertOptions tls, String name) {
    if (port < 0) {
      return null;
    }
    HttpServer server = vertx.createHttpServer(
        HttpListeners.options(config.listeners.host, port, tls, config.mqtt.maxPacketBytes));
    server.requestHandler(router);
    Await.result(server.listen(), Await.START_TIMEOUT, name + " listener on " + config.listeners.host + ":" + port);
    return server;
  }

  private Map<String, Integer> listenerPorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("mqtt", mqttPort());
    ports.put("mqttTls", mqttTlsPort());
    ports.put("http", httpPort());
    ports.put("https", httpsPort());
    return ports;
  }

  private List<Banner.Listener> bannerListeners() {
    String host = config.listeners.host;
    List<Banner.Listener> listeners = new ArrayList<>();
    if (mqttPort() >= 0) {
      listeners.add(new Banner.Listener("MQTT", "mqtt", host, mqttPort(), ""));
    }
    if (mqttTlsPort() >= 0) {
      listeners.add(new Banner.Listener("MQTT over TLS", "mqtts", host, mqttTlsPort(), ""));
    }
    if (http != null) {
      listeners.add(new Banner.Listener("HTTP", "http", host, httpPort(), "REST, /health, WebSocket /mqtt"));
    }
    if (https != null) {
      listeners.add(new Banner.Listener("HTTPS", "https", host, httpsPort(), "REST, /health, WebSocket /mqtt"));
    }
    return listeners;
  }

  private String kafkaDescription() {
    return kafka != null
        ? "embedded at " + bootstrapServers + " (data in " + kafka.logDir() + ")"
        : "external " + bootstrapServers;
  }

  private String tlsDescription() {
    return certificate.certFile() + (certificate.generated() ? " (self-signed, generated now)" : "")
        + ", SHA-256 " + certificate.fingerprint();
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dir, e);
    }
  }

  public String nodeId() {
    return nodeId;
  }

  /** The effective configuration (dev mode forces {@code listeners.host} to loopback). */
  public TributaryConfig config() {
    return config;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** {@code bootstrap.servers} of the Kafka cluster this node uses. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** True when this node runs its own broker; false with {@code kafka.bootstrap}. */
  public boolean kafkaEmbedded() {
    return kafka != null;
  }

  public Vertx vertx() {
    return vertx;
  }

  public ServerCertificate certificate() {
    return certificate;
  }

  /** Port of the MQTT listener, -1 when disabled. */
  public int mqttPort() {
    return gateway == null ? -1 : gateway.mqttPort();
  }

  /** Port of the MQTT-over-TLS listener, -1 when disabled. */
  public int mqttTlsPort() {
    return gateway == null ? -1 : gateway.mqttTlsPort();
  }

  /** The device gateway, for tests that look at its internals. */
  public Gateway gateway() {
    return gateway;
  }

  /** The Device Shadow job, or null when {@code shadow.enabled} is false. */
  public ShadowJob shadowJob() {
    return shadowJob;
  }

  /** The rules job, for tests that look at its counters. */
  public RulesJob rulesJob() {
    return rulesJob;
  }

  /** The rule-action connector worker, for tests that look at its counters. */
  public ConnectorWorker ruleConnectors() {
    return connectors;
  }

  /** Port of the HTTP listener, -1 when disabled. */
  public int httpPort() {
    return http == null ? -1 : http.actualPort();
  }

  /** Port of the HTTPS listener, -1 when disabled. */
  public int httpsPort() {
    return https == null ? -1 : https.actualPort();
  }

  /** True when every health check passes (what {@code GET /health} reports). */
  public boolean isHealthy() {
    return health != null && "UP".equals(health.document().getString("status"));
  }

  /** The start-up banner that was logged. */
  public String banner() {
    return banner;
  }

  /** Stops the node in reverse start order; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long started = System.nanoTime();
    closer.closeAll();
    LOG.info("Tributary node {} stopped in {} ms", nodeId, (System.nanoTime() - started) / 1_000_000);
  }
}
