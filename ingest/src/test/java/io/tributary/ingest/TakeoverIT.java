package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Client id takeover: a second CONNECT with the same client id, on this node or another, disconnects the first. */
class TakeoverIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static GatewayHarness harness;
  static GatewayHarness.Node a;
  static GatewayHarness.Node b;

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
    a = harness.start();
    b = harness.start();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @Test
  void secondConnectOnTheSameNodeDisconnectsTheFirstWithSessionTakenOver() throws Exception {
    assertTakenOver(a, a);
  }

  @Test
  void secondConnectOnAnotherNodeDisconnectsTheFirst() throws Exception {
    assertTakenOver(a, b);
  }

  @Test
  void mqtt311ConnectionIsClosedWhenTakenOver() throws Exception {
    String id = Mqtt.id("dup3");
    try (RawMqtt first = RawMqtt.connect(a.mqttPort(), MqttVersion.MQTT_3_1_1, id, 60)) {
      Mqtt5BlockingClient second = Mqtt.v5(b, id);
      second.connect();
      assertThat(first.awaitClosed(Duration.ofSeconds(10))).isTrue();
      second.disconnect();
    }
  }

  @Test
  void takenOverConnectionPublishesItsWillAndIsReportedAsDuplicateClientId() throws Exception {
    String id = Mqtt.id("dupwill");
    String willTopic = "takeover/will/" + id;
    Mqtt5BlockingClient watcher = Mqtt.v5(a, Mqtt.id("watcher"));
    watcher.connect();
    try (var in = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
      watcher.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
      watcher.subscribeWith().topicFilter("$aws/events/presence/disconnected/" + id).qos(MqttQos.AT_LEAST_ONCE).send();
      try (RawMqtt first = WillIT.connectWithWill(a, MqttVersion.MQTT_3_1_1, id, willTopic, 0, 0)) {
        Mqtt5BlockingClient second = Mqtt.v5(a, id);
        second.connect();
        assertThat(first.awaitClosed(Duration.ofSeconds(10))).isTrue();
        List<String> seen = new ArrayList<>();
        String reason = null;
        for (int i = 0; i < 2; i++) {
          Mqtt5Publish p = in.receive(10, TimeUnit.SECONDS).orElseThrow(() -> new AssertionError("got only " + seen));
          seen.add(p.getTopic().toString());
          if (p.getTopic().toString().startsWith("$aws")) {
            reason = JSON.readTree(p.getPayloadAsBytes()).get("disconnectReason").asText();
          }
        }
        assertThat(seen).containsExactlyInAnyOrder(willTopic, "$aws/events/presence/disconnected/" + id);
        assertThat(reason).isEqualTo("DUPLICATE_CLIENTID");
        second.disconnect();
      }
    } finally {
      watcher.disconnect();
    }
  }

  private static void assertTakenOver(GatewayHarness.Node firstNode, GatewayHarness.Node secondNode) throws Exception {
    String id = Mqtt.id("dup");
    Mqtt.Watched first = new Mqtt.Watched(firstNode, id);
    first.client.connect();
    Mqtt5BlockingClient second = Mqtt.v5(secondNode, id);
    second.connect();
    try {
      assertThat(first.awaitServerDisconnect(10)).as("DISCONNECT reason").isEqualTo(0x8E);
      try (var in = second.publishes(MqttGlobalPublishFilter.ALL)) {
        second.subscribeWith().topicFilter("takeover/" + id).send();
        second.publishWith().topic("takeover/" + id).qos(MqttQos.AT_LEAST_ONCE).send();
        assertThat(in.receive(10, TimeUnit.SECONDS)).as("the new connection works").isPresent();
      }
      assertThat(second.getState().isConnected()).isTrue();
    } finally {
      second.disconnect();
      first.disconnectQuietly();
    }
  }
}
