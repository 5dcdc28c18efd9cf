package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MQTT over WebSocket at {@code /mqtt} on the HTTP port, talking to clients on plain TCP. */
class WebSocketIT {
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
  void mqtt5OverWebSocketExchangesMessagesWithATcpClient() throws Exception {
    Mqtt5BlockingClient ws = MqttClient.builder().useMqttVersion5().identifier(Mqtt.id("ws5"))
        .serverHost("127.0.0.1").serverPort(node.httpPort())
        .webSocketConfig().serverPath("mqtt").applyWebSocketConfig().buildBlocking();
    Mqtt5BlockingClient tcp = Mqtt.v5(node, Mqtt.id("tcp"));
    ws.connect();
    tcp.connect();
    try (var wsIn = ws.publishes(MqttGlobalPublishFilter.ALL); var tcpIn = tcp.publishes(MqttGlobalPublishFilter.ALL)) {
      ws.subscribeWith().topicFilter("ws/to-ws").qos(MqttQos.AT_LEAST_ONCE).send();
      tcp.subscribeWith().topicFilter("ws/to-tcp").qos(MqttQos.EXACTLY_ONCE).send();
      tcp.publishWith().topic("ws/to-ws").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("over tcp")).send();
      // Larger than one frame's worth of small writes, to cross the WebSocket framing with real data.
      byte[] big = new byte[100_000];
      big[99_999] = 42;
      ws.publishWith().topic("ws/to-tcp").qos(MqttQos.EXACTLY_ONCE).payload(big).send();

      assertThat(new String(wsIn.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes(), StandardCharsets.UTF_8))
          .isEqualTo("over tcp");
      byte[] got = tcpIn.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes();
      assertThat(got).hasSize(100_000);
      assertThat(got[99_999]).isEqualTo((byte) 42);
    } finally {
      ws.disconnect();
      tcp.disconnect();
    }
  }

  @Test
  void mqtt311OverWebSocketReceives() throws Exception {
    Mqtt3BlockingClient ws = MqttClient.builder().useMqttVersion3().identifier(Mqtt.id("ws3"))
        .serverHost("127.0.0.1").serverPort(node.httpPort())
        .webSocketConfig().serverPath("mqtt").subprotocol("mqttv3.1").applyWebSocketConfig().buildBlocking();
    Mqtt5BlockingClient tcp = Mqtt.v5(node, Mqtt.id("tcp"));
    ws.connect();
    tcp.connect();
    try (var wsIn = ws.publishes(MqttGlobalPublishFilter.ALL)) {
      ws.subscribeWith().topicFilter("ws3/in").qos(MqttQos.AT_LEAST_ONCE).send();
      tcp.publishWith().topic("ws3/in").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("hi")).send();
      assertThat(wsIn.receive(10, TimeUnit.SECONDS)).isPresent();
    } finally {
      ws.disconnect();
      tcp.disconnect();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
