package io.tributary.server.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.sun.net.httpserver.HttpServer;
import io.tributary.server.TributaryNode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rules end to end on one node: rules created over REST, messages published over MQTT, results
 * seen by an MQTT subscriber, a Kafka consumer and a local HTTP server; live changes; error action.
 */
@ExtendWith(SharedRulesNode.class)
class RulesNodeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TributaryNode node;
  private static RuleTestKit.Rest rest;
  private static Mqtt5BlockingClient device;
  private static Mqtt5BlockingClient app;
  private static HttpServer hooks;
  private static final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger failing = new AtomicInteger();

  @BeforeAll
  static void start(TributaryNode shared) throws Exception {
    node = shared;
    rest = new RuleTestKit.Rest(node);
    device = RuleTestKit.mqtt(node, "device-1");
    app = RuleTestKit.mqtt(node, "app-1");
    hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hooks.createContext("/", exchange -> {
      received.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("x-device") + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/down") ? 503 : 200, -1);
      if (exchange.getRequestURI().getPath().startsWith("/down")) {
        failing.incrementAndGet();
      }
      exchange.close();
    });
    hooks.start();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", node.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("rule-out", 1, (short) 1), new NewTopic("rule-ext", 1, (short) 1)))
          .all().get();
    }
  }

  @AfterAll
  static void stop() {
    device.disconnect();
    app.disconnect();
    hooks.stop(0);
  }

  private static String hook(String path) {
    return "http://127.0.0.1:" + hooks.getAddress().getPort() + path;
  }

  @Test
  void republishReachesAnMqttSubscriberWithItsHeaders() throws Exception {
    rest.create("alerts", "{\"sql\":\"SELECT temp, topic(2) AS device FROM 'plant/+/telemetry' WHERE temp > 50\","
        + "\"awsIotSqlVersion\":\"2016-03-23\",\"actions\":[{\"republish\":{\"topic\":\"alerts/${topic(2)}\",\"qos\":1,"
        + "\"headers\":{\"contentType\":\"application/json\",\"userProperties\":[{\"key\":\"rule\",\"value\":\"alerts\"}]}}}]}");
    awaitActive("alerts");
    try (RuleTestKit.Inbox inbox = new RuleTestKit.Inbox(app, "alerts/#")) {
      RuleTestKit.publish(device, "plant/p7/telemetry", "{\"temp\":20}");
      RuleTestKit.publish(device, "plant/p7/telemetry", "{\"temp\":75}");

      Mqtt5Publish p = inbox.next();
      assertThat(p.getTopic().toString()).isEqualTo("alerts/p7");
      assertThat(RuleTestKit.Inbox.text(p)).isEqualTo("{\"temp\":75,\"device\":\"p7\"}");
      assertThat(p.getContentType()).hasValueSatisfying(c -> assertThat(c.toString()).isEqualTo("application/json"));
      assertThat(p.getUserProperties().asList()).singleElement()
          .satisfies(u -> assertThat(u.getName() + "=" + u.getValue()).isEqualTo("rule=alerts"));
    }
  }

  @Test
  void kafkaActionsWriteToThePlatformTopicAndToAnExternalCluster() throws Exception {
    rest.create("toKafka", "{\"sql\":\"SELECT * FROM 'meters/+'\",\"actions\":["
        + "{\"kafka\":{\"destinationArn\":\"arn:aws:iot:us-east-1:123456789012:ruledestination/vpc/d\","
        + "\"topic\":\"rule-out\",\"key\":\"${topic(2)}\",\"clientProperties\":{\"bootstrap.servers\":\"tributary\"}}},"
        + "{\"kafka\":{\"topic\":\"rule-ext\",\"key\":\"${topic(2)}\",\"clientProperties\":{\"bootstrap.servers\":\""
        + node.bootstrapServers() + "\",\"security.protocol\":\"PLAINTEXT\"}}}]}");
    awaitActive("toKafka");
    RuleTestKit.publish(device, "meters/m1", "{\"kwh\":3}");

    assertThat(consume("rule-out")).isEqualTo("m1 {\"kwh\":3}");
    assertThat(consume("rule-ext")).isEqualTo("m1 {\"kwh\":3}");
  }

  @Test
  void httpActionPostsToALocalServer() throws Exception {
    rest.create("toHttp", "{\"sql\":\"SELECT * FROM 'hooks/+'\",\"actions\":[{\"http\":{\"url\":\""
        + hook("/in/${topic(2)}") + "\",\"headers\":[{\"key\":\"x-device\",\"value\":\"${clientid()}\"}]}}]}");
    awaitActive("toHttp");
    RuleTestKit.publish(device, "hooks/h1", "{\"n\":1}");

    await().atMost(Duration.ofSeconds(20)).until(() -> received.contains("/in/h1 device-1 {\"n\":1}"));
  }

  @Test
  void aFailingHttpActionFiresTheErrorActionAfterItsRetries() throws Exception {
    rest.create("flaky", "{\"sql\":\"SELECT * FROM 'flaky/+'\",\"actions\":[{\"http\":{\"url\":\"" + hook("/down")
        + "\"}}],\"errorAction\":{\"republish\":{\"topic\":\"errors/${topic(2)}\"}}}");
    awaitActive("flaky");
    try (RuleTestKit.Inbox inbox = new RuleTestKit.Inbox(app, "errors/#")) {
      RuleTestKit.publish(device, "flaky/f1", "{\"v\":1}");

      Mqtt5Publish p = inbox.next();
      assertThat(p.getTopic().toString()).isEqualTo("errors/f1");
      JsonNode doc = JSON.readTree(p.getPayloadAsBytes());
      assertThat(doc.get("ruleName").asText()).isEqualTo("flaky");
      assertThat(doc.get("topic").asText()).isEqualTo("flaky/f1");
      assertThat(doc.get("clientId").asText()).isEqualTo("device-1");
      assertThat(doc.get("base64OriginalPayload").asText()).isEqualTo("eyJ2IjoxfQ==");
      assertThat(doc.get("failures").get(0).get("failedAction").asText()).isEqualTo("HttpAction");
      assertThat(doc.get("failures").get(0).get("errorMessage").asText()).endsWith("answered 503 (after 3 tries)");
      assertThat(failing.get()).isEqualTo(3);
      assertThat(node.ruleConnectors().metrics().get("errorActionsSent")).isEqualTo(1);
    }
  }

  @Test
  void replacingDisablingAndDeletingRulesTakeEffectWithoutRestart() throws Exception {
    rest.create("live", "{\"sql\":\"SELECT 'v1' AS v, n FROM 'live/in'\",\"actions\":[{\"republish\":{\"topic\":\"live/out\"}}]}");
    try (RuleTestKit.Inbox inbox = new RuleTestKit.Inbox(app, "live/#")) {
      awaitOutput(inbox, "{\"v\":\"v1\"}");

      assertThat(rest.send("PATCH", "/rules/live", "{\"sql\":\"SELECT 'v2' AS v, n FROM 'live/in'\","
          + "\"actions\":[{\"republish\":{\"topic\":\"live/out\"}}]}").statusCode()).isEqualTo(200);
      awaitOutput(inbox, "{\"v\":\"v2\"}");

      assertThat(rest.send("POST", "/rules/live/disable", null).statusCode()).isEqualTo(200);
      assertThat(quietAfterProbe(inbox, "probe1")).isTrue();
      assertThat(rest.send("POST", "/rules/live/enable", null).statusCode()).isEqualTo(200);
      awaitOutput(inbox, "{\"v\":\"v2\"}");
      assertThat(rest.send("DELETE", "/rules/live", null).statusCode()).isEqualTo(200);
      assertThat(quietAfterProbe(inbox, "probe2")).isTrue();
    }
  }

  /**
   * Creates a probe rule after the change under test (rules are applied in order), waits until the
   * probe answers, then publishes a marked message: the rule under test is off if nothing it wrote
   * for that message arrives before the probe's copy (both are written in one transaction, in rule
   * name order, on the publisher's partition).
   */
  private static boolean quietAfterProbe(RuleTestKit.Inbox inbox, String probe) throws Exception {
    rest.create(probe, "{\"sql\":\"SELECT * FROM 'live/in'\",\"actions\":[{\"republish\":{\"topic\":\"live/"
        + probe + "\"}}]}");
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
      RuleTestKit.publish(device, "live/in", "{}");
      return nextOn(inbox, "live/" + probe) != null;
    });
    String marker = "{\"n\":\"" + probe + "\"}";
    RuleTestKit.publish(device, "live/in", marker);
    List<String> seen = new ArrayList<>();
    while (!seen.contains("live/" + probe + " " + marker)) {
      Mqtt5Publish p = inbox.next();
      seen.add(p.getTopic() + " " + RuleTestKit.Inbox.text(p));
    }
    rest.send("DELETE", "/rules/" + probe, null);
    return seen.stream().noneMatch(m -> m.startsWith("live/out") && m.contains(probe));
  }

  private static void awaitActive(String rule) {
    await().atMost(Duration.ofSeconds(20)).until(() -> node.rulesJob().activeRules().contains(rule));
  }

  /** Publishes to {@code live/in} until the live rule answers {@code expected}. */
  private static void awaitOutput(RuleTestKit.Inbox inbox, String expected) {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
      RuleTestKit.publish(device, "live/in", "{}");
      return expected.equals(nextOn(inbox, "live/out"));
    });
  }

  /** The payload of the next message on {@code topic} within 2 s, skipping others; null if none. */
  private static String nextOn(RuleTestKit.Inbox inbox, String topic) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (System.nanoTime() < deadline) {
      var p = inbox.poll(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (p.isPresent() && p.get().getTopic().toString().equals(topic)) {
        return RuleTestKit.Inbox.text(p.get());
      }
    }
    return null;
  }

  private static String consume(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServers());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<String> got = new ArrayList<>();
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          got.add(r.key() + " " + r.value());
        }
        return !got.isEmpty();
      });
      return got.get(0);
    }
  }
}
