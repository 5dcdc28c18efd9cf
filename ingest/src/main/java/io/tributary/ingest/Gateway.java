package io.tributary.ingest;

import io.tributary.core.config.Profile;
import io.tributary.core.config.TributaryConfig;
import io.tributary.core.topic.MatchMode;
import io.tributary.core.topic.TopicLimits;
import io.tributary.ingest.broker.BrokerContext;
import io.tributary.ingest.broker.ClientConnection;
import io.tributary.ingest.broker.ConnectionRegistry;
import io.tributary.ingest.broker.LifecycleEvents;
import io.tributary.ingest.broker.Publisher;
import io.tributary.ingest.broker.WillScheduler;
import io.tributary.ingest.http.DataPlaneRoutes;
import io.tributary.ingest.kafka.KafkaSettings;
import io.tributary.ingest.kafka.MessageLog;
import io.tributary.ingest.kafka.TopicSetup;
import io.tributary.ingest.mqtt.MqttListener;
import io.tributary.ingest.retained.RetainedStore;
import io.tributary.ingest.route.MessageFeed;
import io.tributary.ingest.route.SharedMembership;
import io.tributary.ingest.session.SessionRecord;
import io.tributary.ingest.session.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device gateway of one node: MQTT listeners, the HTTP data plane, and the Kafka clients
 * behind them. Stateless apart from caches rebuilt from Kafka at start.
 */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final BrokerContext broker;
  private final MqttListener tcp;
  private final MqttListener tls;
  private static final long SWEEP_INTERVAL_MS = 30_000;
  private static final long SWEEP_GRACE_MS = 60_000;

  private int mqttPort = -1;
  private long sweeper = -1;
  private int mqttTlsPort = -1;
  private volatile boolean healthy = true;

  private Gateway(BrokerContext broker) {
    this.broker = broker;
    this.tcp = new MqttListener(broker);
    this.tls = new MqttListener(broker);
  }

  /** Creates the topics if needed, loads retained messages and sessions, then binds the MQTT listeners. */
  public static Future<Gateway> start(Vertx vertx, GatewayOptions options) {
    return vertx.executeBlocking(() -> build(vertx, options)).compose(g -> g.bind(vertx, options));
  }

  private static Gateway build(Vertx vertx, GatewayOptions o) {
    TributaryConfig config = o.config();
    String bootstrap = o.bootstrapServers();
    TopicSetup.ensureTopics(bootstrap, config.kafka);
    MessageLog log = new MessageLog(
        KafkaSettings.producer(bootstrap, config.kafka, "tributary-" + o.nodeId(), config.mqtt.maxPendingProduceBytes),
        config.kafka.topics(), config.mqtt.maxPendingProduceBytes, config.kafka.expediteBelowRecordsPerSecond);
    RetainedStore retained = new RetainedStore(
        KafkaSettings.consumer(bootstrap, config.kafka, "tributary-retained-" + o.nodeId()), config.kafka.topics().retained());
    retained.start();
    SessionStore sessions = new SessionStore(
        KafkaSettings.consumer(bootstrap, config.kafka, "tributary-sessions-" + o.nodeId()), log);
    sessions.start();
    TopicLimits topicLimits = new TopicLimits(config.mqtt.maxTopicBytes, config.mqtt.maxTopicLevels,
        TopicLimits.awsDefaults().maxShareNameChars());
    MatchMode mode = config.node.profile == Profile.AWS_STRICT ? MatchMode.AWS_STRICT : MatchMode.MQTT;
    MessageFeed feed = new MessageFeed(KafkaSettings.consumer(bootstrap, config.kafka, "tributary-feed-" + o.nodeId()),
        config.kafka.topics().messages(), mode, o.nodeId(), Duration.ofMillis(config.kafka.feedLocalPollIntervalMs));
    feed.start();
    log.onAppended(feed::appended);
    Publisher publisher = new Publisher(log, retained);
    BrokerContext ctx = new BrokerContext(vertx, o.nodeId(), config.node.profile, config.mqtt, topicLimits, o.clock(),
        log, feed, retained, sessions, new ConnectionRegistry(), publisher,
        new LifecycleEvents(publisher, o.nodeId()), new WillScheduler(vertx, publisher),
        o.authenticator(), o.authorizer(),
        KafkaSettings.consumer(bootstrap, config.kafka, "tributary-replay-" + o.nodeId()));
    Gateway g = new Gateway(ctx);
    SharedMembership shared = new SharedMembership(feed, sessions::get);
    sessions.addListener(shared::onSession);
    sessions.all().forEach(r -> shared.onSession(r.clientId(), r));
    sessions.addListener(g::onSessionChange);
    g.releaseSessionsOfPreviousRun();
    return g;
  }

  private Future<Gateway> bind(Vertx vertx, GatewayOptions o) {
    TributaryConfig config = o.config();
    String host = config.node.dev ? "127.0.0.1" : config.listeners.host;
    Future<Void> plain = config.listeners.mqtt < 0 ? Future.succeededFuture()
        : tcp.listen(vertx, host, config.listeners.mqtt, null).map(p -> {
          mqttPort = p;
          return null;
        });
    Future<Void> secure = config.listeners.mqttTls < 0 || o.tls() == null ? Future.succeededFuture()
        : tls.listen(vertx, host, config.listeners.mqttTls, o.tls()).map(p -> {
          mqttTlsPort = p;
          return null;
        });
    sweeper = vertx.setPeriodic(SWEEP_INTERVAL_MS, id -> vertx.executeBlocking(() -> {
      sweepEndedSessions();
      return null;
    }));
    return Future.all(plain, secure).map(this);
  }

  /**
   * A node that stopped without closing its connections (a crash) left their sessions marked
   * connected. At start, before any client can connect, they are marked disconnected as of now,
   * keeping their positions, so they resume elsewhere and expire as usual.
   */
  private void releaseSessionsOfPreviousRun() {
    for (SessionRecord r : broker.sessions().all()) {
      if (r.connected() && broker.nodeId().equals(r.nodeId())) {
        broker.sessions().write(r.disconnected(broker.now(), r.expirySeconds(), r.positions()), err -> {
          if (err != null) {
            LOG.warn("could not release session {} of a previous run: {}", r.clientId(), err.toString());
          }
        });
      }
    }
  }

  /**
   * Deletes the session records this node wrote for sessions that have ended: disconnected and past
   * their expiry by a grace period (so a client reconnecting at the last moment keeps its epoch).
   * Each node sweeps only its own records, so two nodes never race on one client id.
   */
  public void sweepEndedSessions() {
    long cutoff = broker.now() - SWEEP_GRACE_MS;
    for (SessionRecord r : broker.sessions().all()) {
      if (broker.nodeId().equals(r.nodeId()) && r.expiredAt(cutoff)
          && broker.connections().get(r.clientId()) == null) {
        broker.sessions().delete(r.clientId(), err -> { });
      }
    }
  }

  /** A newer claim of a client id (from any node) takes over a local connection and cancels a pending will. */
  private void onSessionChange(String clientId, SessionRecord record) {
    if (record == null || !record.connected()) {
      return;
    }
    ClientConnection local = broker.connections().get(clientId);
    if (local != null && record.epoch() > local.epoch() && local.epoch() > 0) {
      local.sessionTakenOver(record.epoch());
    }
    if (!broker.nodeId().equals(record.nodeId())) {
      broker.wills().cancel(clientId);
    }
  }

  public int mqttPort() {
    return mqttPort;
  }

  public int mqttTlsPort() {
    return mqttTlsPort;
  }

  /** Shared services, for tests and for other front ends of this node. */
  public BrokerContext broker() {
    return broker;
  }

  /** Adds the data-plane routes: {@code POST /topics/*}, the retained-message API, and MQTT over WebSocket at {@code /mqtt}. */
  public void mountHttp(Router router) {
    new DataPlaneRoutes(broker).mount(router);
  }

  public boolean isHealthy() {
    return healthy;
  }

  /** Disconnects every client (MQTT 5: 0x8B), waits for Kafka to acknowledge what was accepted, then closes the clients. */
  public Future<Void> stop() {
    healthy = false;
    broker.vertx().cancelTimer(sweeper);
    for (ClientConnection c : broker.connections().all()) {
      c.shutdown();
    }
    return Future.all(tcp.close(), tls.close())
        .compose(v -> broker.vertx().executeBlocking(() -> {
          broker.log().flush();
          broker.feed().close();
          broker.sessions().close();
          broker.retained().close();
          broker.log().close();
          LOG.info("gateway stopped");
          return null;
        }));
  }
}
