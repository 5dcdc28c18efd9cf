package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.tributary.core.config.Profile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Last Will: published when a connection is lost, not after a DISCONNECT (unless MQTT 5 reason
 * 0x04 asks for it), and MQTT 5's will delay. The will's owner is a raw socket, so "connection
 * lost" is a real close without a DISCONNECT packet.
 */
class WillIT {
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
  void willIsPublishedWhenTheConnectionIsLost(Profile profile) throws Exception {
    GatewayHarness.Node node = nodes.get(profile);
    String willTopic = unique("will/lost");
    Mqtt5BlockingClient sub = subscriber(node, willTopic);
    try (var in = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
      RawMqtt owner = connectWithWill(node, MqttVersion.MQTT_3_1_1, Mqtt.id("owner"), willTopic, 0, 0);
      owner.close();
      Mqtt5Publish will = in.receive(10, TimeUnit.SECONDS).orElseThrow(() -> new AssertionError("no will"));
      assertThat(new String(will.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("gone");
      assertThat(will.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
    } finally {
      sub.disconnect();
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void willIsNotPublishedAfterDisconnect(Profile profile) throws Exception {
    GatewayHarness.Node node = nodes.get(profile);
    String willTopic = unique("will/clean");
    String clientId = Mqtt.id("owner");
    Mqtt5BlockingClient sub = subscriber(node, willTopic);
    try (var in = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
      RawMqtt owner = connectWithWill(node, MqttVersion.MQTT_3_1_1, clientId, willTopic, 0, 0);
      owner.send(MqttMessage.DISCONNECT);
      assertThat(owner.awaitClosed(Duration.ofSeconds(5))).isTrue();
      owner.close();
      // A will would be keyed by this client id, so it would come before the marker the same id publishes next.
      assertThat(topicsBeforeMarkerFrom(node, clientId, sub, in)).isEmpty();
    } finally {
      sub.disconnect();
    }
  }

  @Test
  void retainedWillIsKeptAsTheTopicsRetainedMessage() throws Exception {
    GatewayHarness.Node node = nodes.get(Profile.MQTT);
    String willTopic = unique("will/retained");
    RawMqtt owner = RawMqtt.open(node.mqttPort(), MqttVersion.MQTT_3_1_1);
    owner.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId(Mqtt.id("owner"))
        .cleanSession(true).keepAlive(60).willFlag(true).willTopic(willTopic).willRetain(true)
        .willMessage("offline".getBytes(StandardCharsets.UTF_8)).willQoS(MqttQoS.AT_LEAST_ONCE).build());
    owner.expectConnAckSuccess();
    owner.close();
    Mqtt5BlockingClient late = subscriber(node, willTopic);
    try (var in = late.publishes(MqttGlobalPublishFilter.ALL)) {
      // The will is published asynchronously after the close; a later subscriber finds it retained.
      Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> node.gateway().broker().retained().get(willTopic) != null);
      late.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
      Mqtt5Publish got = in.receive(10, TimeUnit.SECONDS).orElseThrow();
      assertThat(got.isRetain()).isTrue();
      assertThat(new String(got.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("offline");
    } finally {
      late.disconnect();
    }
  }

  @Test
  void mqtt5DisconnectWithWillMessageSendsTheWill() throws Exception {
    GatewayHarness.Node node = nodes.get(Profile.MQTT);
    String willTopic = unique("will/0x04");
    Mqtt5BlockingClient sub = subscriber(node, willTopic);
    try (var in = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
      RawMqtt owner = connectWithWill(node, MqttVersion.MQTT_5, Mqtt.id("owner"), willTopic, 0, 0);
      owner.send(MqttMessageBuilders.disconnect().reasonCode((byte) 0x04).build());
      assertThat(owner.awaitClosed(Duration.ofSeconds(5))).isTrue();
      owner.close();
      assertThat(in.receive(10, TimeUnit.SECONDS)).as("will after DISCONNECT 0x04").isPresent();
    } finally {
      sub.disconnect();
    }
  }

  @Test
  void delayedWillIsPublishedAfterTheDelay() throws Exception {
    GatewayHarness.Node node = nodes.get(Profile.MQTT);
    String willTopic = unique("will/delayed");
    Mqtt5BlockingClient sub = subscriber(node, willTopic);
    try (var in = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
      RawMqtt owner = connectWithWill(node, MqttVersion.MQTT_5, Mqtt.id("owner"), willTopic, 1, 60);
      long closedAt = System.nanoTime();
      owner.close();
      Optional<Mqtt5Publish> will = in.receive(10, TimeUnit.SECONDS);
      long waitedMs = (System.nanoTime() - closedAt) / 1_000_000;
      assertThat(will).isPresent();
      assertThat(waitedMs).as("published after the 1 s will delay, not at once").isGreaterThanOrEqualTo(1000);
    } finally {
      sub.disconnect();
    }
  }

  @Test
  void willDelayIsCutShortWhenTheSessionEndsAtDisconnect() throws Exception {
    GatewayHarness.Node node = nodes.get(Profile.MQTT);
    String willTopic = unique("will/no-session");
    Mqtt5BlockingClient sub = subscriber(node, willTopic);
    try (var in = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
      // Will delay 30 s but session expiry 0: the session ends with the connection, so the will goes at once.
      RawMqtt owner = connectWithWill(node, MqttVersion.MQTT_5, Mqtt.id("owner"), willTopic, 30, 0);
      owner.close();
      assertThat(in.receive(10, TimeUnit.SECONDS)).isPresent();
    } finally {
      sub.disconnect();
    }
  }

  @Test
  void delayedWillIsCancelledWhenTheClientReconnectsInTime() throws Exception {
    GatewayHarness.Node node = nodes.get(Profile.MQTT);
    String willTopic = unique("will/cancelled");
    String clientId = Mqtt.id("owner");
    Mqtt5BlockingClient sub = subscriber(node, willTopic);
    try (var in = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
      RawMqtt owner = connectWithWill(node, MqttVersion.MQTT_5, clientId, willTopic, 2, 60);
      owner.close();
      awaitPendingWills(node, 1);
      Mqtt5BlockingClient again = Mqtt.v5(node, clientId);
      again.connectWith().cleanStart(false).sessionExpiryInterval(60).send();
      awaitPendingWills(node, 0);
      // Nothing may arrive: wait out the 2 s delay with a margin, since a wrongly kept timer fires only then.
      assertThat(in.receive(3500, TimeUnit.MILLISECONDS)).as("will after reconnecting within the delay").isEmpty();
      again.disconnectWith().sessionExpiryInterval(0).send();
    } finally {
      sub.disconnect();
    }
  }

  private static void awaitPendingWills(GatewayHarness.Node node, int expected) {
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> node.gateway().broker().wills().pendingCount(), n -> n == expected);
  }

  /** A raw client whose CONNECT carries a will ("gone", QoS 1) with the given MQTT 5 delay and session expiry. */
  static RawMqtt connectWithWill(GatewayHarness.Node node, MqttVersion version, String clientId, String willTopic,
      int willDelaySeconds, int sessionExpirySeconds) throws Exception {
    RawMqtt raw = RawMqtt.open(node.mqttPort(), version);
    var connect = MqttMessageBuilders.connect().protocolVersion(version).clientId(clientId).cleanSession(true)
        .keepAlive(60).willFlag(true).willTopic(willTopic).willMessage("gone".getBytes(StandardCharsets.UTF_8))
        .willQoS(MqttQoS.AT_LEAST_ONCE);
    if (version == MqttVersion.MQTT_5) {
      MqttProperties willProps = new MqttProperties();
      willProps.add(new MqttProperties.IntegerProperty(MqttProperties.WILL_DELAY_INTERVAL, willDelaySeconds));
      MqttProperties props = new MqttProperties();
      props.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, sessionExpirySeconds));
      connect.willProperties(willProps).properties(props);
    }
    raw.send(connect.build());
    raw.expectConnAckSuccess();
    return raw;
  }

  /** Connects as {@code clientId} again, publishes a marker and returns what {@code sub} received before it. */
  private static List<String> topicsBeforeMarkerFrom(GatewayHarness.Node node, String clientId, Mqtt5BlockingClient sub,
      Mqtt5BlockingClient.Mqtt5Publishes in) throws Exception {
    String marker = unique("marker");
    sub.subscribeWith().topicFilter(marker).qos(MqttQos.AT_LEAST_ONCE).send();
    Mqtt5BlockingClient same = Mqtt.v5(node, clientId);
    same.connect();
    same.publishWith().topic(marker).qos(MqttQos.AT_LEAST_ONCE).send();
    same.disconnect();
    return Inbox.topicsUntil(in, marker);
  }

  private static Mqtt5BlockingClient subscriber(GatewayHarness.Node node, String topic) {
    Mqtt5BlockingClient sub = Mqtt.v5(node, Mqtt.id("watcher"));
    sub.connect();
    return sub;
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
