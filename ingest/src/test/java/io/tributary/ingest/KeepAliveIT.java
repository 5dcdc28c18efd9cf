package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.tributary.core.config.Profile;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keep-alive: a silent client is dropped after 1.5 × its keep-alive; traffic keeps it; aws-strict clamps it. */
class KeepAliveIT {
  static GatewayHarness harness;
  static GatewayHarness.Node mqtt;
  static GatewayHarness.Node strict;

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
    mqtt = harness.start();
    strict = harness.start(Profile.AWS_STRICT, c -> { });
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @Test
  void silentClientIsDisconnectedAfterOneAndAHalfKeepAlives() throws Exception {
    try (RawMqtt raw = RawMqtt.connect(mqtt.mqttPort(), MqttVersion.MQTT_3_1_1, Mqtt.id("silent"), 1)) {
      long connectedAt = System.nanoTime();
      assertThat(raw.awaitClosed(Duration.ofSeconds(5))).as("closed within 5 s").isTrue();
      long afterMs = (raw.closedAtNanos() - connectedAt) / 1_000_000;
      assertThat(afterMs).as("not before the keep-alive itself elapsed").isGreaterThanOrEqualTo(1000);
    }
  }

  @Test
  void mqtt5ClientIsToldKeepAliveTimeout() throws Exception {
    try (RawMqtt raw = RawMqtt.connect(mqtt.mqttPort(), MqttVersion.MQTT_5, Mqtt.id("silent5"), 1)) {
      var disconnect = raw.expect(MqttMessageType.DISCONNECT, Duration.ofSeconds(5));
      assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
          .isEqualTo((byte) 0x8D);
      assertThat(raw.awaitClosed(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void pingsKeepTheConnectionAlive() throws Exception {
    Mqtt.Watched client = new Mqtt.Watched(mqtt, Mqtt.id("pinging"));
    client.client.connectWith().keepAlive(2).send(); // idle, the client sends PINGREQ every 2 s
    try (var in = client.client.publishes(MqttGlobalPublishFilter.ALL)) {
      // Bounded wait: 4 s, past the 3 s limit a silent client would hit, must pass without a disconnect.
      assertThat(client.awaitServerDisconnect(4)).as("disconnected although pinging").isNull();
      client.client.subscribeWith().topicFilter("ka/alive").send();
      client.client.publishWith().topic("ka/alive").qos(MqttQos.AT_LEAST_ONCE).send();
      assertThat(in.receive(10, TimeUnit.SECONDS)).isPresent();
    } finally {
      client.disconnectQuietly();
    }
  }

  @Test
  void awsStrictClampsKeepAliveAndSaysSoInConnack() {
    assertThat(serverKeepAlive(strict, 1)).hasValue(30);
    assertThat(serverKeepAlive(strict, 0)).as("0 means the 1200 s default on AWS").hasValue(1200);
    assertThat(serverKeepAlive(strict, 5000)).hasValue(1200);
    assertThat(serverKeepAlive(strict, 60)).as("in range: unchanged, no property").isEmpty();
  }

  @Test
  void mqttProfileKeepsShortKeepAlivesAndCapsLongOnes() {
    assertThat(serverKeepAlive(mqtt, 1)).isEmpty();
    assertThat(serverKeepAlive(mqtt, 0)).isEmpty();
    assertThat(serverKeepAlive(mqtt, 5000)).hasValue(1200);
  }

  private static OptionalInt serverKeepAlive(GatewayHarness.Node node, int requested) {
    var client = Mqtt.v5(node, Mqtt.id("ka"));
    Mqtt5ConnAck ack = client.connectWith().keepAlive(requested).send();
    client.disconnect();
    return ack.getServerKeepAlive();
  }
}
