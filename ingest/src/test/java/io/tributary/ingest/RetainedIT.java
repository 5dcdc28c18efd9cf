package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import io.tributary.core.config.Profile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Retained messages: delivery on SUBSCRIBE, clearing, MQTT 5 options, AWS's exact-filter rule, restarts, the HTTP API. */
class RetainedIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static GatewayHarness harness;
  static Map<Profile, GatewayHarness.Node> nodes;

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
    nodes = Map.of(Profile.MQTT, harness.start(), Profile.AWS_STRICT, harness.start(Profile.AWS_STRICT, c -> { }));
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void retainedMessageIsDeliveredOnSubscribeWithTheRetainFlagAndLiveCopiesWithout(Profile profile) throws Exception {
    GatewayHarness.Node node = nodes.get(profile);
    String topic = unique("r/exact");
    Mqtt5BlockingClient pub = connected(node, "pub");
    Mqtt5BlockingClient early = connected(node, "early");
    Mqtt5BlockingClient late = connected(node, "late");
    try (var earlyIn = early.publishes(MqttGlobalPublishFilter.ALL);
         var lateIn = late.publishes(MqttGlobalPublishFilter.ALL)) {
      early.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("kept")).send();
      late.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

      Mqtt5Publish live = earlyIn.receive(10, java.util.concurrent.TimeUnit.SECONDS).orElseThrow();
      assertThat(live.isRetain()).as("forwarded to an existing subscriber: RETAIN 0").isFalse();
      Mqtt5Publish stored = lateIn.receive(10, java.util.concurrent.TimeUnit.SECONDS).orElseThrow();
      assertThat(stored.isRetain()).isTrue();
      assertThat(new String(stored.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("kept");
      assertThat(stored.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
    } finally {
      disconnect(pub, early, late);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void emptyRetainedPayloadClearsTheTopic(Profile profile) throws Exception {
    GatewayHarness.Node node = nodes.get(profile);
    String topic = unique("r/clear");
    Mqtt5BlockingClient pub = connected(node, "pub");
    pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("old")).send();
    pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
    assertThat(retainedOnSubscribe(node, pub, topic, Mqtt5RetainHandling.SEND)).isEmpty();
    pub.disconnect();
  }

  @Test
  void wildcardSubscriptionsGetRetainedMessagesOnlyInTheMqttProfile() throws Exception {
    for (Profile profile : Profile.values()) {
      GatewayHarness.Node node = nodes.get(profile);
      String base = unique("r/wild");
      Mqtt5BlockingClient pub = connected(node, "pub");
      pub.publishWith().topic(base + "/a").qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("a")).send();
      List<String> wildcard = Inbox.topics(retainedOnSubscribe(node, pub, base + "/+", Mqtt5RetainHandling.SEND));
      List<String> exact = Inbox.topics(retainedOnSubscribe(node, pub, base + "/a", Mqtt5RetainHandling.SEND));
      pub.disconnect();
      assertThat(exact).as(profile.id()).containsExactly(base + "/a");
      if (profile == Profile.MQTT) {
        assertThat(wildcard).containsExactly(base + "/a");
      } else {
        assertThat(wildcard).as("AWS IoT: retained only for a filter equal to the topic").isEmpty();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void sharedSubscriptionsNeverGetRetainedMessages(Profile profile) throws Exception {
    GatewayHarness.Node node = nodes.get(profile);
    String topic = unique("r/shared");
    Mqtt5BlockingClient pub = connected(node, "pub");
    pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("x")).send();
    assertThat(retainedOnSubscribe(node, pub, "$share/g/" + topic, Mqtt5RetainHandling.SEND)).isEmpty();
    pub.disconnect();
  }

  @Test
  void retainHandlingDecidesWhetherSubscribeSendsRetainedMessages() throws Exception {
    GatewayHarness.Node node = nodes.get(Profile.MQTT);
    String topic = unique("r/handling");
    Mqtt5BlockingClient pub = connected(node, "pub");
    pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("x")).send();
    Mqtt5BlockingClient sub = connected(node, "sub");
    String marker = unique("marker");
    try (var in = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(marker).send();
      sub.subscribeWith().topicFilter(topic).retainHandling(Mqtt5RetainHandling.DO_NOT_SEND).send();
      sub.subscribeWith().topicFilter(topic).retainHandling(Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST).send();
      pub.publishWith().topic(marker).qos(MqttQos.AT_LEAST_ONCE).send();
      assertThat(Inbox.topicsUntil(in, marker)).as("2: never; 1: not when the subscription existed").isEmpty();

      sub.unsubscribeWith().topicFilter(topic).send();
      sub.subscribeWith().topicFilter(topic).retainHandling(Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST).send();
      sub.subscribeWith().topicFilter(topic).retainHandling(Mqtt5RetainHandling.SEND).send();
      pub.publishWith().topic(marker).qos(MqttQos.AT_LEAST_ONCE).send();
      assertThat(Inbox.topicsUntil(in, marker)).as("1 on a new subscription, then 0 again").containsExactly(topic, topic);
    } finally {
      disconnect(pub, sub);
    }
  }

  @Test
  void retainAsPublishedKeepsTheRetainFlagOnLiveMessages() throws Exception {
    GatewayHarness.Node node = nodes.get(Profile.MQTT);
    String topic = unique("r/rap");
    Mqtt5BlockingClient pub = connected(node, "pub");
    Mqtt5BlockingClient kept = connected(node, "rap");
    Mqtt5BlockingClient plain = connected(node, "plain");
    try (var keptIn = kept.publishes(MqttGlobalPublishFilter.ALL);
         var plainIn = plain.publishes(MqttGlobalPublishFilter.ALL)) {
      kept.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).retainAsPublished(true).send();
      plain.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("x")).send();
      assertThat(keptIn.receive(10, java.util.concurrent.TimeUnit.SECONDS).orElseThrow().isRetain()).isTrue();
      assertThat(plainIn.receive(10, java.util.concurrent.TimeUnit.SECONDS).orElseThrow().isRetain()).isFalse();
    } finally {
      disconnect(pub, kept, plain);
    }
  }

  @Test
  void retainedMessagesSurviveAGatewayRestart() throws Exception {
    GatewayHarness.Node first = harness.start();
    String topic = unique("r/restart");
    Mqtt5BlockingClient pub = connected(first, "pub");
    pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("durable")).send();
    pub.disconnect();
    harness.stop(first);

    GatewayHarness.Node second = harness.start();
    try {
      Mqtt5BlockingClient probe = connected(second, "probe");
      List<Mqtt5Publish> got = retainedOnSubscribe(second, probe, topic, Mqtt5RetainHandling.SEND);
      probe.disconnect();
      assertThat(got).hasSize(1);
      assertThat(new String(got.get(0).getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("durable");
    } finally {
      harness.stop(second);
    }
  }

  @Test
  void httpApiListsAndReturnsRetainedMessagesAnd404sForAbsentOnes() throws Exception {
    GatewayHarness.Node node = nodes.get(Profile.MQTT);
    String topic = unique("r/http") + "/x";
    Mqtt5BlockingClient pub = connected(node, "pub");
    pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("hello"))
        .userProperties().add("k", "v").applyUserProperties().send();
    pub.disconnect();
    long before = System.currentTimeMillis();

    HttpResponse<String> one = get(node, "/retainedMessage/" + topic.replace("/", "%2F"));
    assertThat(one.statusCode()).isEqualTo(200);
    JsonNode doc = JSON.readTree(one.body());
    assertThat(doc.get("topic").asText()).isEqualTo(topic);
    assertThat(new String(Base64.getDecoder().decode(doc.get("payload").asText()), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(doc.get("qos").asInt()).isEqualTo(1);
    assertThat(doc.get("lastModifiedTime").asLong()).isBetween(before - 60_000, before + 1_000);
    assertThat(JSON.readTree(Base64.getDecoder().decode(doc.get("userProperties").asText())).toString())
        .isEqualTo("[{\"k\":\"v\"}]");

    HttpResponse<String> list = get(node, "/retainedMessage?maxResults=200");
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode entry = null;
    for (JsonNode e : JSON.readTree(list.body()).get("retainedTopics")) {
      if (e.get("topic").asText().equals(topic)) {
        entry = e;
      }
    }
    assertThat(entry).as("listed").isNotNull();
    assertThat(entry.get("payloadSize").asInt()).isEqualTo(5);
    assertThat(entry.get("qos").asInt()).isEqualTo(1);
    assertThat(entry.has("payload")).as("the list carries no payloads").isFalse();

    HttpResponse<String> missing = get(node, "/retainedMessage/" + unique("absent"));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
    assertThat(JSON.readTree(missing.body()).get("message").asText()).isNotEmpty();

    HttpResponse<String> badPage = get(node, "/retainedMessage?maxResults=0");
    assertThat(badPage.statusCode()).isEqualTo(400);
    assertThat(badPage.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidRequestException");
  }

  @Test
  void expiredRetainedMessageIsNeitherDeliveredNorServedOverHttp() throws Exception {
    MutableClock clock = new MutableClock();
    GatewayHarness.Node node = harness.start(Profile.MQTT, c -> { }, "retained-clock", clock);
    try {
      String topic = unique("r/expiring");
      Mqtt5BlockingClient pub = connected(node, "pub");
      pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(bytes("brief"))
          .messageExpiryInterval(10).send();
      assertThat(get(node, "/retainedMessage/" + topic.replace("/", "%2F")).statusCode()).as("before expiry").isEqualTo(200);
      clock.advance(java.time.Duration.ofSeconds(11));

      assertThat(retainedOnSubscribe(node, pub, topic, Mqtt5RetainHandling.SEND)).isEmpty();
      HttpResponse<String> one = get(node, "/retainedMessage/" + topic.replace("/", "%2F"));
      assertThat(one.statusCode()).as("MQTT 5 message expiry ends a retained message").isEqualTo(404);
      assertThat(one.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
      assertThat(get(node, "/retainedMessage?maxResults=200").body()).doesNotContain(topic);
      pub.disconnect();
    } finally {
      harness.stop(node);
    }
  }

  /** What a new subscription of {@code filter} receives on SUBSCRIBE, read up to a marker that {@code pub} publishes. */
  private static List<Mqtt5Publish> retainedOnSubscribe(GatewayHarness.Node node, Mqtt5BlockingClient pub, String filter,
      Mqtt5RetainHandling handling) throws Exception {
    Mqtt5BlockingClient sub = connected(node, "sub");
    String marker = unique("marker");
    try (var in = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(marker).qos(MqttQos.AT_LEAST_ONCE).send();
      sub.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).retainHandling(handling).send();
      // Retained messages are sent right after the SUBACK; the marker comes later, through Kafka.
      pub.publishWith().topic(marker).qos(MqttQos.AT_LEAST_ONCE).send();
      List<Mqtt5Publish> got = Inbox.until(in, marker, java.time.Duration.ofSeconds(10));
      assertThat(got).allSatisfy(p -> assertThat(p.isRetain()).isTrue());
      return got;
    } finally {
      sub.disconnect();
    }
  }

  private static HttpResponse<String> get(GatewayHarness.Node node, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Mqtt5BlockingClient connected(GatewayHarness.Node node, String prefix) {
    Mqtt5BlockingClient c = Mqtt.v5(node, Mqtt.id(prefix));
    c.connect();
    return c;
  }

  private static void disconnect(Mqtt5BlockingClient... clients) {
    for (Mqtt5BlockingClient c : clients) {
      c.disconnect();
    }
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
