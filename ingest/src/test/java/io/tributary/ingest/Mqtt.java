package io.tributary.ingest;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Real MQTT clients (HiveMQ's) connected to a harness node over TCP. */
public final class Mqtt {
  private Mqtt() {}

  public static Mqtt5BlockingClient v5(GatewayHarness.Node node, String clientId) {
    return v5Builder(node, clientId).buildBlocking();
  }

  public static Mqtt5ClientBuilder v5Builder(GatewayHarness.Node node, String clientId) {
    return MqttClient.builder().useMqttVersion5().identifier(clientId)
        .serverHost("127.0.0.1").serverPort(node.mqttPort());
  }

  public static Mqtt3BlockingClient v3(GatewayHarness.Node node, String clientId) {
    return MqttClient.builder().useMqttVersion3().identifier(clientId)
        .serverHost("127.0.0.1").serverPort(node.mqttPort()).buildBlocking();
  }

  public static String id(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** An MQTT 5 client that records why the server disconnected it. */
  public static final class Watched {
    public final Mqtt5BlockingClient client;
    private final BlockingQueue<Throwable> disconnects = new LinkedBlockingQueue<>();

    public Watched(GatewayHarness.Node node, String clientId) {
      this.client = v5Builder(node, clientId)
          .addDisconnectedListener((MqttClientDisconnectedContext ctx) -> disconnects.add(ctx.getCause()))
          .buildBlocking();
    }

    /** The reason code of the server's DISCONNECT, or -1 when the connection ended without one; null: still connected. */
    public Integer awaitServerDisconnect(long seconds) throws InterruptedException {
      Throwable cause = disconnects.poll(seconds, TimeUnit.SECONDS);
      if (cause == null) {
        return null;
      }
      return cause instanceof Mqtt5DisconnectException d ? d.getMqttMessage().getReasonCode().getCode() : -1;
    }

    public void disconnectQuietly() {
      if (client.getState().isConnected()) {
        client.disconnect();
      }
    }
  }
}
