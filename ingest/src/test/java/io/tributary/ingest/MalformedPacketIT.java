package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Protocol violations close only the offending connection; a bystander client keeps publishing and receiving. */
class MalformedPacketIT {
  static GatewayHarness harness;
  static GatewayHarness.Node node;
  Mqtt5BlockingClient bystander;

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
    node = harness.start();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @BeforeEach
  void connectBystander() {
    bystander = Mqtt.v5(node, Mqtt.id("bystander"));
    bystander.connect();
  }

  @AfterEach
  void bystanderStillWorks() throws Exception {
    String topic = "bystander/" + bystander.getConfig().getClientIdentifier().get();
    try (var in = bystander.publishes(MqttGlobalPublishFilter.ALL)) {
      bystander.subscribeWith().topicFilter(topic).send();
      bystander.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      assertThat(in.receive(10, TimeUnit.SECONDS)).as("bystander unaffected").isPresent();
    }
    bystander.disconnect();
  }

  @Test
  void garbageAfterConnectClosesTheConnection() throws Exception {
    try (RawMqtt raw = RawMqtt.connect(node.mqttPort(), MqttVersion.MQTT_3_1_1, Mqtt.id("garbage"), 60)) {
      raw.sendBytes(new byte[] {0x00, 0x05, 1, 2, 3, 4, 5}); // packet type 0 is reserved
      assertThat(raw.awaitClosed(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void mqtt5MalformedPacketGetsDisconnect0x81() throws Exception {
    try (RawMqtt raw = RawMqtt.connect(node.mqttPort(), MqttVersion.MQTT_5, Mqtt.id("garbage5"), 60)) {
      // SUBSCRIBE with the reserved flag bits 0000 instead of 0010 (MQTT 5 §3.8.1): malformed
      raw.sendBytes(new byte[] {(byte) 0x80, 0x08, 0x00, 0x01, 0x00, 0x00, 0x03, 'a', '/', 'b'});
      MqttMessage m = raw.receive(Duration.ofSeconds(10));
      if (m != null) {
        assertThat(m.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
        assertThat(((MqttReasonCodeAndPropertiesVariableHeader) m.variableHeader()).reasonCode() & 0xFF)
            .isIn(0x81, 0x82);
      }
      assertThat(raw.awaitClosed(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void garbageInsteadOfConnectClosesTheConnection() throws Exception {
    try (RawMqtt raw = RawMqtt.open(node.mqttPort(), MqttVersion.MQTT_3_1_1)) {
      raw.sendBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01});
      assertThat(raw.awaitClosed(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void secondConnectClosesTheConnection() throws Exception {
    String id = Mqtt.id("twice");
    try (RawMqtt raw = RawMqtt.connect(node.mqttPort(), MqttVersion.MQTT_5, id, 60)) {
      raw.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId(id).build());
      MqttMessage m = raw.expect(MqttMessageType.DISCONNECT, Duration.ofSeconds(10));
      assertThat(((MqttReasonCodeAndPropertiesVariableHeader) m.variableHeader()).reasonCode()).isEqualTo((byte) 0x82);
      assertThat(raw.awaitClosed(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void publishBeforeConnectClosesTheConnectionWithoutAnswer() throws Exception {
    try (RawMqtt raw = RawMqtt.open(node.mqttPort(), MqttVersion.MQTT_3_1_1)) {
      raw.publish("early/bird", MqttQoS.AT_LEAST_ONCE, 1, "x", MqttProperties.NO_PROPERTIES);
      assertThat(raw.awaitClosed(Duration.ofSeconds(10))).isTrue();
      assertThat(raw.receive(Duration.ZERO)).as("no PUBACK or CONNACK").isNull();
    }
  }
}
