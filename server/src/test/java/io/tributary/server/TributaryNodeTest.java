package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.config.TributaryConfig;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TributaryNodeTest {
  @TempDir Path dir;

  @Test
  void startsOnEmbeddedKafkaAndReportsItsHealth() throws Exception {
    TributaryConfig config = TestNodes.devConfig(dir);
    config.rules.idleStopAfterSeconds = 7;
    try (TributaryNode node = TributaryNode.start(config)) {
      HttpResponse<String> response = TestNodes.get("http://127.0.0.1:" + node.httpPort() + "/health");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).contains("application/json");
      JsonObject health = new JsonObject(response.body());
      assertThat(health.getString("status")).isEqualTo("UP");
      assertThat(health.getString("nodeId")).isEqualTo(node.nodeId()).startsWith("node-");
      assertThat(health.getJsonObject("kafka").getString("mode")).isEqualTo("embedded");
      assertThat(health.getJsonObject("kafka").getString("bootstrap")).isEqualTo(node.bootstrapServers());
      assertThat(health.getJsonObject("listeners").getInteger("http")).isEqualTo(node.httpPort());
      assertThat(health.getJsonObject("listeners").getInteger("https")).isEqualTo(node.httpsPort());
      assertThat(health.getLong("uptimeSeconds")).isNotNegative();
      // No rule is enabled: the rules job's Streams instance is stopped, and that is healthy.
      assertThat(health.getJsonObject("checks").getString("rulesJob")).isEqualTo("UP");
      JsonObject rules = health.getJsonObject("details").getJsonObject("rulesJob");
      assertThat(rules.getString("state")).isEqualTo("STOPPED");
      assertThat(rules.getBoolean("consuming")).isFalse();
      assertThat(rules.getInteger("enabledRules")).isZero();
      assertThat(node.rulesJob().idleStopAfter()).isEqualTo(java.time.Duration.ofSeconds(7)); // rules.idleStopAfterSeconds
      JsonObject gateway = health.getJsonObject("details").getJsonObject("gateway");
      assertThat(gateway.fieldNames()).containsExactly("feedReading", "feedLagRecords", "routedMessages", "routedFast");
      // Nothing subscribes on a fresh node, not even the node itself (its REST replies: only while REST calls are made).
      assertThat(gateway.getBoolean("feedReading")).isFalse();
      assertThat(gateway.getLong("feedLagRecords")).isZero();
      assertThat(gateway.getLong("routedMessages")).isZero();
      assertThat(node.isHealthy()).isTrue();
      assertThat(node.kafkaEmbedded()).isTrue();
      boolean linuxX64 = System.getProperty("os.name").startsWith("Linux")
          && System.getProperty("os.arch").matches("amd64|x86_64");
      assertThat(node.vertx().isNativeTransportEnabled()).as("epoll on Linux x86-64, NIO elsewhere").isEqualTo(linuxX64);
      createTopic(node.bootstrapServers(), "reachable");
    }
  }

  @Test
  void httpsPresentsTheGeneratedCertificateForLocalhost() throws Exception {
    try (TributaryNode node = TributaryNode.start(TestNodes.devConfig(dir))) {
      assertThat(node.certificate().certFile()).isEqualTo(dir.resolve("tls/server.crt"));

      HttpResponse<String> response = TestNodes.get(TestNodes.trusting(node.certificate().certFile()),
          "https://localhost:" + node.httpsPort() + "/health");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(response.body()).getString("nodeId")).isEqualTo(node.nodeId());
    }
  }

  @Test
  void devModeBindsLoopbackOnlyWhateverTheConfiguredHost() throws Exception {
    TributaryConfig config = TestNodes.devConfig(dir);
    config.listeners.host = "0.0.0.0";
    try (TributaryNode node = TributaryNode.start(config)) {
      assertThat(node.config().listeners.host).isEqualTo("127.0.0.1");
      assertThat(config.listeners.host).as("the caller's configuration is not changed").isEqualTo("0.0.0.0");
      assertThat(node.banner()).contains("ANONYMOUS CLIENTS ARE ACCEPTED").contains("127.0.0.1 (loopback) only");

      Optional<InetAddress> external = nonLoopbackAddress();
      if (external.isPresent()) {
        assertThat(connects(external.get(), node.httpPort())).as("reachable on " + external.get()).isFalse();
      }
      assertThat(connects(InetAddress.getByName("127.0.0.1"), node.httpPort())).isTrue();
    }
  }

  @Test
  void restartKeepsTheNodeIdTheCertificateAndKafkaData() throws Exception {
    String nodeId;
    String fingerprint;
    try (TributaryNode node = TributaryNode.start(TestNodes.devConfig(dir))) {
      nodeId = node.nodeId();
      fingerprint = node.certificate().fingerprint();
      createTopic(node.bootstrapServers(), "survives-restart");
    }
    TributaryConfig nio = TestNodes.devConfig(dir);
    nio.node.nativeTransport = false;
    try (TributaryNode node = TributaryNode.start(nio)) {
      assertThat(node.vertx().isNativeTransportEnabled()).isFalse();
      assertThat(node.nodeId()).isEqualTo(nodeId);
      assertThat(node.certificate().fingerprint()).isEqualTo(fingerprint);
      assertThat(node.certificate().generated()).isFalse();
      assertThat(topics(node.bootstrapServers())).contains("survives-restart");
    }
  }

  @Test
  void aConfiguredNodeIdWins() {
    TributaryConfig config = TestNodes.devConfig(dir);
    config.node.id = "edge-1";
    config.listeners.https = -1;
    try (TributaryNode node = TributaryNode.start(config)) {
      assertThat(node.nodeId()).isEqualTo("edge-1");
      assertThat(node.httpsPort()).isEqualTo(-1);
      assertThat(node.banner()).contains("node edge-1").doesNotContain("https://");
    }
  }

  @Test
  void usesAnExternalClusterWithoutStartingABroker() throws Exception {
    try (EmbeddedKafka external = EmbeddedKafka.start(dir.resolve("external-kafka"), 0)) {
      TributaryConfig config = TestNodes.devConfig(dir.resolve("node"));
      config.kafka.bootstrap = external.bootstrapServers();
      try (TributaryNode node = TributaryNode.start(config)) {
        assertThat(node.kafkaEmbedded()).isFalse();
        assertThat(node.bootstrapServers()).isEqualTo(external.bootstrapServers());
        assertThat(dir.resolve("node/kafka")).doesNotExist();
        assertThat(node.banner()).contains("Kafka:     external " + external.bootstrapServers());
        JsonObject health = new JsonObject(TestNodes.get("http://127.0.0.1:" + node.httpPort() + "/health").body());
        assertThat(health.getJsonObject("kafka").getString("mode")).isEqualTo("external");
      }
    }
  }

  @Test
  void theBannerListsEveryListenerWithItsActualPort() {
    try (TributaryNode node = TributaryNode.start(TestNodes.devConfig(dir))) {
      assertThat(node.banner())
          .contains("node " + node.nodeId())
          .contains("DEVELOPMENT (--dev)")
          .contains("Profile:   mqtt")
          .contains("http://127.0.0.1:" + node.httpPort())
          .contains("https://127.0.0.1:" + node.httpsPort())
          .contains("Kafka:     embedded at " + node.bootstrapServers());
    }
  }

  @Test
  void refusesToStartWithoutDevMode() {
    TributaryConfig config = TestNodes.devConfig(dir);
    config.node.dev = false;

    assertThatThrownBy(() -> TributaryNode.start(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(TributaryNode.AUTHENTICATION_UNAVAILABLE);
    assertThat(dir.resolve("kafka")).doesNotExist();
  }

  @Test
  void closeIsQuickReleasesThePortsAndMayBeRepeated() throws Exception {
    TributaryNode node = TributaryNode.start(TestNodes.devConfig(dir));
    int http = node.httpPort();
    long started = System.nanoTime();
    node.close();
    node.close();

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
    assertThat(connects(InetAddress.getByName("127.0.0.1"), http)).isFalse();
    assertThat(node.isHealthy()).isFalse();
  }

  @Test
  void aFailedStartStopsWhatItStarted() throws Exception {
    TributaryConfig config = TestNodes.devConfig(dir);
    config.tls.certFile = dir.resolve("missing.crt").toString();
    config.tls.keyFile = dir.resolve("missing.key").toString();

    assertThatThrownBy(() -> TributaryNode.start(config)).hasMessageContaining("tls.certFile");
    try (EmbeddedKafka again = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      assertThat(again.isRunning()).as("the log directory was released").isTrue();
    }
  }

  private static void createTopic(String bootstrap, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static java.util.Set<String> topics(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }
  }

  private static boolean connects(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    return NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && a instanceof java.net.Inet4Address)
        .findFirst();
  }
}
