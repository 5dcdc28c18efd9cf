package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node wires the gateway's listeners: MQTT over TCP, over TLS, and over WebSocket on HTTP and HTTPS. */
class NodeMqttListenersTest {
  @TempDir static Path dir;
  private static TributaryNode node;

  @BeforeAll
  static void start() {
    node = TributaryNode.start(TestNodes.devConfig(dir));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void reportsTheGatewayListenersInHealthAndBanner() throws Exception {
    assertThat(node.mqttPort()).isPositive();
    assertThat(node.mqttTlsPort()).isPositive();
    assertThat(node.banner())
        .contains("mqtt://127.0.0.1:" + node.mqttPort())
        .contains("mqtts://127.0.0.1:" + node.mqttTlsPort());
    var health = new io.vertx.core.json.JsonObject(TestNodes.get("http://127.0.0.1:" + node.httpPort() + "/health").body());
    assertThat(health.getJsonObject("listeners").getInteger("mqtt")).isEqualTo(node.mqttPort());
    assertThat(health.getJsonObject("checks").getString("gateway")).isEqualTo("UP");
  }

  @Test
  void tcpToTls() throws Exception {
    roundTrip("tcp://127.0.0.1:" + node.mqttPort(), null,
        "ssl://localhost:" + node.mqttTlsPort(), node.certificate().certFile(), "listeners/tcp-tls", 10);
  }

  @Test
  void webSocketOnHttpCarriesPacketsLargerThanAWebSocketFrameDefault() throws Exception {
    roundTrip("ws://127.0.0.1:" + node.httpPort() + "/mqtt", null,
        "tcp://127.0.0.1:" + node.mqttPort(), null, "listeners/ws", 120 * 1024);
  }

  @Test
  void webSocketOnHttps() throws Exception {
    Path cert = node.certificate().certFile();
    roundTrip("wss://localhost:" + node.httpsPort() + "/mqtt", cert,
        "wss://localhost:" + node.httpsPort() + "/mqtt", cert, "listeners/wss", 100);
  }

  /** A subscriber on one listener receives what a publisher on another sends, byte for byte. */
  private static void roundTrip(String subscriberUri, Path subscriberTrust, String publisherUri, Path publisherTrust,
                                String topic, int payloadBytes) throws Exception {
    byte[] payload = new byte[payloadBytes];
    Arrays.fill(payload, (byte) 'x');
    try (MqttClients.Received subscriber = MqttClients.connect(subscriberUri, "sub-" + topic.hashCode(), subscriberTrust);
         MqttClients.Received publisher = MqttClients.connect(publisherUri, "pub-" + topic.hashCode(), publisherTrust)) {
      subscriber.client.subscribe(topic, 1);
      publisher.client.publish(topic, payload, 1, false);

      MqttMessage received = subscriber.next();
      assertThat(received).as("message on " + topic).isNotNull();
      assertThat(received.getPayload()).isEqualTo(payload);
    }
  }
}
