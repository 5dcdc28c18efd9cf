package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AWS IoT lifecycle events: topics and JSON documents field for field (AWS developer guide, "Lifecycle events"). */
class LifecycleEventsIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static GatewayHarness harness;
  static GatewayHarness.Node node;

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
    node = harness.start();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @Test
  void connectSubscribeUnsubscribeDisconnectProduceAwsDocuments() throws Exception {
    String id = Mqtt.id("device");
    Mqtt5BlockingClient watcher = watching(id);
    try (var events = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
      watch(watcher, id);
      long before = System.currentTimeMillis();
      Mqtt5BlockingClient device = Mqtt.v5(node, id);
      device.connect();
      device.subscribeWith().addSubscription().topicFilter("foo/bar").qos(MqttQos.AT_LEAST_ONCE).applySubscription()
          .addSubscription().topicFilter("dog/+").applySubscription().send();
      device.unsubscribeWith().topicFilter("dog/+").send();
      device.disconnect();

      JsonNode connected = next(events, "$aws/events/presence/connected/" + id);
      assertThat(fields(connected)).containsExactlyInAnyOrder("clientId", "timestamp", "eventType", "sessionIdentifier",
          "principalIdentifier", "ipAddress", "versionNumber");
      assertThat(connected.get("clientId").asText()).isEqualTo(id);
      assertThat(connected.get("eventType").asText()).isEqualTo("connected");
      assertThat(connected.get("ipAddress").asText()).isEqualTo("127.0.0.1");
      assertThat(connected.get("timestamp").asLong()).as("milliseconds").isBetween(before - 1000, before + 60_000);
      assertThat(connected.get("versionNumber").isIntegralNumber()).isTrue();
      String session = connected.get("sessionIdentifier").asText();
      assertThat(session).isNotEmpty();

      JsonNode subscribed = next(events, "$aws/events/subscriptions/subscribed/" + id);
      assertThat(fields(subscribed)).containsExactlyInAnyOrder("clientId", "timestamp", "eventType", "sessionIdentifier",
          "principalIdentifier", "topics");
      assertThat(subscribed.get("eventType").asText()).isEqualTo("subscribed");
      assertThat(texts(subscribed.get("topics"))).containsExactly("foo/bar", "dog/+");
      assertThat(subscribed.get("sessionIdentifier").asText()).isEqualTo(session);

      JsonNode unsubscribed = next(events, "$aws/events/subscriptions/unsubscribed/" + id);
      assertThat(unsubscribed.get("eventType").asText()).isEqualTo("unsubscribed");
      assertThat(texts(unsubscribed.get("topics"))).containsExactly("dog/+");

      JsonNode disconnected = next(events, "$aws/events/presence/disconnected/" + id);
      assertThat(fields(disconnected)).containsExactlyInAnyOrder("clientId", "timestamp", "eventType", "sessionIdentifier",
          "principalIdentifier", "clientInitiatedDisconnect", "disconnectReason", "versionNumber");
      assertThat(disconnected.get("eventType").asText()).isEqualTo("disconnected");
      assertThat(disconnected.get("clientInitiatedDisconnect").asBoolean()).isTrue();
      assertThat(disconnected.get("disconnectReason").asText()).isEqualTo("CLIENT_INITIATED_DISCONNECT");
      assertThat(disconnected.get("sessionIdentifier").asText()).isEqualTo(session);
      assertThat(disconnected.get("versionNumber").asLong()).as("same as its connect")
          .isEqualTo(connected.get("versionNumber").asLong());
      assertThat(disconnected.get("principalIdentifier").asText()).isEqualTo(connected.get("principalIdentifier").asText());
    } finally {
      watcher.disconnect();
    }
  }

  @Test
  void lostConnectionIsReportedAsConnectionLostAndVersionsIncrease() throws Exception {
    String id = Mqtt.id("flaky");
    Mqtt5BlockingClient watcher = watching(id);
    try (var events = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
      watch(watcher, id);
      RawMqtt.connect(node.mqttPort(), MqttVersion.MQTT_3_1_1, id, 60).close();
      JsonNode first = next(events, "$aws/events/presence/connected/" + id);
      JsonNode lost = next(events, "$aws/events/presence/disconnected/" + id);
      assertThat(lost.get("clientInitiatedDisconnect").asBoolean()).isFalse();
      assertThat(lost.get("disconnectReason").asText()).isEqualTo("CONNECTION_LOST");

      Mqtt5BlockingClient again = Mqtt.v5(node, id);
      again.connect();
      again.disconnect();
      JsonNode second = next(events, "$aws/events/presence/connected/" + id);
      assertThat(second.get("versionNumber").asLong()).isGreaterThan(first.get("versionNumber").asLong());
      assertThat(second.get("sessionIdentifier").asText()).isNotEqualTo(first.get("sessionIdentifier").asText());
    } finally {
      watcher.disconnect();
    }
  }

  private static Mqtt5BlockingClient watching(String id) {
    Mqtt5BlockingClient w = Mqtt.v5(node, Mqtt.id("watcher"));
    w.connect();
    return w;
  }

  private static void watch(Mqtt5BlockingClient w, String id) {
    w.subscribeWith().addSubscription().topicFilter("$aws/events/presence/+/" + id).qos(MqttQos.AT_LEAST_ONCE)
        .applySubscription().addSubscription().topicFilter("$aws/events/subscriptions/+/" + id)
        .qos(MqttQos.AT_LEAST_ONCE).applySubscription().send();
  }

  /** The next event, which must be on {@code topic}: one client's events are published in order. */
  private static JsonNode next(Mqtt5BlockingClient.Mqtt5Publishes events, String topic) throws Exception {
    Mqtt5Publish p = events.receive(10, TimeUnit.SECONDS).orElseThrow(() -> new AssertionError("no event on " + topic));
    assertThat(p.getTopic().toString()).isEqualTo(topic);
    return JSON.readTree(p.getPayloadAsBytes());
  }

  private static List<String> fields(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static List<String> texts(JsonNode arr) {
    List<String> out = new ArrayList<>();
    for (Iterator<JsonNode> it = arr.elements(); it.hasNext(); ) {
      out.add(it.next().asText());
    }
    return out;
  }
}
