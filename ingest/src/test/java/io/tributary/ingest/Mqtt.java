package io.tributary.ingest;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.util.UUID;

/** Real MQTT clients (HiveMQ's) connected to a harness node over TCP. */
public final class Mqtt {
  private Mqtt() {}

  public static Mqtt5BlockingClient v5(GatewayHarness.Node node, String clientId) {
    return MqttClient.builder().useMqttVersion5().identifier(clientId)
        .serverHost("127.0.0.1").serverPort(node.mqttPort()).buildBlocking();
  }

  public static Mqtt3BlockingClient v3(GatewayHarness.Node node, String clientId) {
    return MqttClient.builder().useMqttVersion3().identifier(clientId)
        .serverHost("127.0.0.1").serverPort(node.mqttPort()).buildBlocking();
  }

  public static String id(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
