package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.unsuback.Mqtt5UnsubAckReasonCode;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.tributary.core.config.Profile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** MQTT 5 features end to end, in the mqtt profile and where AWS differs in aws-strict. */
class Mqtt5FeaturesIT {
  static final Duration WAIT = Duration.ofSeconds(10);
  static GatewayHarness harness;
  static Map<Profile, GatewayHarness.Node> nodes;
  static GatewayHarness.Node mqtt;
  static GatewayHarness.Node strict;

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
    mqtt = harness.start();
    strict = harness.start(Profile.AWS_STRICT, c -> { });
    nodes = Map.of(Profile.MQTT, mqtt, Profile.AWS_STRICT, strict);
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void connackAdvertisesTheBrokersLimits(Profile profile) {
    GatewayHarness.Node node = nodes.get(profile);
    Mqtt5BlockingClient c = Mqtt.v5(node, Mqtt.id("limits"));
    Mqtt5ConnAck ack = c.connect();
    c.disconnect();
    var r = ack.getRestrictions();
    assertThat(r.getReceiveMaximum()).isEqualTo(node.config().mqtt.receiveMaximum);
    assertThat(r.getMaximumPacketSize()).isEqualTo(node.config().mqtt.maxPacketBytes);
    assertThat(r.getTopicAliasMaximum()).isEqualTo(8);
    assertThat(r.isRetainAvailable()).isTrue();
    assertThat(r.isWildcardSubscriptionAvailable()).isTrue();
    assertThat(r.isSharedSubscriptionAvailable()).isTrue();
    boolean aws = profile == Profile.AWS_STRICT;
    assertThat(r.getMaximumQos()).isEqualTo(aws ? MqttQos.AT_LEAST_ONCE : MqttQos.EXACTLY_ONCE);
    assertThat(r.areSubscriptionIdentifiersAvailable()).isEqualTo(!aws);
  }

  @Test
  void emptyClientIdGetsAnAssignedClientIdentifier() throws Exception {
    Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().serverHost("127.0.0.1").serverPort(mqtt.mqttPort())
        .buildBlocking();
    Mqtt5ConnAck ack = c.connect();
    c.disconnect();
    assertThat(ack.getAssignedClientIdentifier()).hasValueSatisfying(id -> assertThat(id.toString()).isNotBlank());

    // MQTT 3.1.1 §3.1.3.1: an empty client id with clean session 0 is refused with 0x02.
    try (RawMqtt raw = RawMqtt.open(mqtt.mqttPort(), MqttVersion.MQTT_3_1_1)) {
      raw.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId("").cleanSession(false).build());
      MqttConnAckMessage refused = (MqttConnAckMessage) raw.expect(MqttMessageType.CONNACK, WAIT);
      assertThat(refused.variableHeader().connectReturnCode().byteValue()).isEqualTo((byte) 0x02);
      assertThat(raw.awaitClosed(WAIT)).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void subAckAndUnsubAckCarryReasonCodes(Profile profile) {
    Mqtt5BlockingClient c = Mqtt.v5(nodes.get(profile), Mqtt.id("codes"));
    c.connect();
    try {
      List<Mqtt5SubAckReasonCode> granted = c.subscribeWith()
          .addSubscription().topicFilter("codes/0").qos(MqttQos.AT_MOST_ONCE).applySubscription()
          .addSubscription().topicFilter("codes/1").qos(MqttQos.AT_LEAST_ONCE).applySubscription()
          .addSubscription().topicFilter("codes/2").qos(MqttQos.EXACTLY_ONCE).applySubscription()
          .send().getReasonCodes();
      assertThat(granted).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_0, Mqtt5SubAckReasonCode.GRANTED_QOS_1,
          profile == Profile.MQTT ? Mqtt5SubAckReasonCode.GRANTED_QOS_2 : Mqtt5SubAckReasonCode.GRANTED_QOS_1);
      assertThat(c.unsubscribeWith().addTopicFilter("codes/1").addTopicFilter("codes/never").send().getReasonCodes())
          .containsExactly(Mqtt5UnsubAckReasonCode.SUCCESS, Mqtt5UnsubAckReasonCode.NO_SUBSCRIPTIONS_EXISTED);
    } finally {
      c.disconnect();
    }
  }

  @Test
  void invalidTopicFilterGetsSubAck0x8F() throws Exception {
    try (RawMqtt raw = RawMqtt.connect(mqtt.mqttPort(), MqttVersion.MQTT_5, Mqtt.id("badfilter"), 60)) {
      raw.send(MqttMessageBuilders.subscribe().messageId(1)
          .addSubscription("ok/+", new MqttSubscriptionOption(MqttQoS.AT_LEAST_ONCE, false, false,
              MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE))
          .addSubscription("bad/#/x", new MqttSubscriptionOption(MqttQoS.AT_LEAST_ONCE, false, false,
              MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE))
          .build());
      MqttSubAckMessage ack = (MqttSubAckMessage) raw.expect(MqttMessageType.SUBACK, WAIT);
      assertThat(ack.payload().reasonCodes()).containsExactly(0x01, 0x8F);
    }
  }

  @Test
  void qos2PublishCompletesItsFlowAndIsDeliveredAtQos2() throws Exception {
    String topic = unique("q2");
    Mqtt5BlockingClient sub = Mqtt.v5(mqtt, Mqtt.id("q2sub"));
    sub.connect();
    try (var in = sub.publishes(MqttGlobalPublishFilter.ALL);
         RawMqtt raw = RawMqtt.connect(mqtt.mqttPort(), MqttVersion.MQTT_5, Mqtt.id("q2pub"), 60)) {
      sub.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
      raw.publish(topic, MqttQoS.EXACTLY_ONCE, 7, "once", MqttProperties.NO_PROPERTIES);
      MqttMessage rec = raw.expect(MqttMessageType.PUBREC, WAIT);
      assertThat(((MqttPubReplyMessageVariableHeader) rec.variableHeader()).messageId()).isEqualTo(7);
      assertThat(((MqttPubReplyMessageVariableHeader) rec.variableHeader()).reasonCode()).isEqualTo((byte) 0);
      raw.send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
          new MqttPubReplyMessageVariableHeader(7, (byte) 0, MqttProperties.NO_PROPERTIES)));
      MqttMessage comp = raw.expect(MqttMessageType.PUBCOMP, WAIT);
      assertThat(((MqttPubReplyMessageVariableHeader) comp.variableHeader()).messageId()).isEqualTo(7);
      Mqtt5Publish got = in.receive(10, TimeUnit.SECONDS).orElseThrow();
      assertThat(got.getQos()).isEqualTo(MqttQos.EXACTLY_ONCE);
      assertThat(new String(got.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("once");
    } finally {
      sub.disconnect();
    }
  }

  @Test
  void awsStrictDisconnectsAQos2PublishWith0x9B() throws Exception {
    try (RawMqtt raw = RawMqtt.connect(strict.mqttPort(), MqttVersion.MQTT_5, Mqtt.id("q2strict"), 60)) {
      raw.publish("strict/q2", MqttQoS.EXACTLY_ONCE, 1, "x", MqttProperties.NO_PROPERTIES);
      assertThat(reasonOf(raw.expect(MqttMessageType.DISCONNECT, WAIT))).isEqualTo(0x9B);
      assertThat(raw.awaitClosed(WAIT)).isTrue();
    }
  }

  /** The MQTT 3.1.1 counterpart of 0x9B: AWS IoT neither acknowledges nor delivers QoS 2, and sends no SUBACK for it. */
  @Test
  void awsStrictIgnoresQos2PublishesAndSubscriptionsOverMqtt311() throws Exception {
    String topic = unique("strict/q2");
    String marker = unique("marker");
    Mqtt5BlockingClient sub = Mqtt.v5(strict, Mqtt.id("q2watch"));
    sub.connect();
    try (var in = sub.publishes(MqttGlobalPublishFilter.ALL);
         RawMqtt raw = RawMqtt.connect(strict.mqttPort(), MqttVersion.MQTT_3_1_1, Mqtt.id("q2v3"), 60)) {
      sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      sub.subscribeWith().topicFilter(marker).qos(MqttQos.AT_LEAST_ONCE).send();

      raw.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.EXACTLY_ONCE, topic).build());
      raw.send(MqttMessageBuilders.subscribe().messageId(2).addSubscription(MqttQoS.AT_LEAST_ONCE, marker).build());
      MqttSubAckMessage only = (MqttSubAckMessage) raw.expect(MqttMessageType.SUBACK, WAIT);
      assertThat(only.variableHeader().messageId()).as("no SUBACK for the QoS 2 subscription").isEqualTo(2);

      raw.publish(topic, MqttQoS.EXACTLY_ONCE, 3, "two", MqttProperties.NO_PROPERTIES);
      raw.publish(marker, MqttQoS.AT_LEAST_ONCE, 4, "one", MqttProperties.NO_PROPERTIES);
      // The raw client also receives its own marker, before or after the PUBACK; any PUBREC would come first.
      MqttMessage ack = raw.receive(WAIT);
      while (ack != null && ack.fixedHeader().messageType() == MqttMessageType.PUBLISH) {
        ack = raw.receive(WAIT);
      }
      assertThat(ack).isNotNull();
      assertThat(ack.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
      assertThat(((MqttMessageIdVariableHeader) ack.variableHeader()).messageId()).isEqualTo(4);
      assertThat(Inbox.topicsUntil(in, marker)).as("the QoS 2 publish is not delivered").isEmpty();
    } finally {
      sub.disconnect();
    }
  }

  @Test
  void topicAliasesResolveAndAnAliasOverTheMaximumIsRefused() throws Exception {
    String topic = unique("alias");
    Mqtt5BlockingClient sub = Mqtt.v5(mqtt, Mqtt.id("aliassub"));
    sub.connect();
    try (var in = sub.publishes(MqttGlobalPublishFilter.ALL);
         RawMqtt raw = RawMqtt.connect(mqtt.mqttPort(), MqttVersion.MQTT_5, Mqtt.id("aliaspub"), 60)) {
      sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      raw.publish(topic, MqttQoS.AT_LEAST_ONCE, 1, "first", alias(1));
      raw.expect(MqttMessageType.PUBACK, WAIT);
      raw.publish("", MqttQoS.AT_LEAST_ONCE, 2, "second", alias(1));
      raw.expect(MqttMessageType.PUBACK, WAIT);
      for (String payload : List.of("first", "second")) {
        Mqtt5Publish p = in.receive(10, TimeUnit.SECONDS).orElseThrow();
        assertThat(p.getTopic().toString()).isEqualTo(topic);
        assertThat(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo(payload);
      }
      raw.publish(topic, MqttQoS.AT_LEAST_ONCE, 3, "third", alias(9));
      assertThat(reasonOf(raw.expect(MqttMessageType.DISCONNECT, WAIT))).isEqualTo(0x94);
    } finally {
      sub.disconnect();
    }
  }

  @Test
  void messagePropertiesTravelEndToEndAndAcrossProtocolVersions() throws Exception {
    String topic = unique("props");
    Mqtt5BlockingClient pub = Mqtt.v5(mqtt, Mqtt.id("p5"));
    Mqtt5BlockingClient sub5 = Mqtt.v5(mqtt, Mqtt.id("s5"));
    Mqtt3BlockingClient v3 = Mqtt.v3(mqtt, Mqtt.id("v3"));
    pub.connect();
    sub5.connect();
    v3.connect();
    try (var in5 = sub5.publishes(MqttGlobalPublishFilter.ALL); var in3 = v3.publishes(MqttGlobalPublishFilter.ALL)) {
      sub5.subscribeWith().topicFilter(topic + "/#").qos(MqttQos.AT_LEAST_ONCE).send();
      v3.subscribeWith().topicFilter(topic + "/from5").qos(MqttQos.AT_LEAST_ONCE).send();
      pub.publishWith().topic(topic + "/from5").qos(MqttQos.AT_LEAST_ONCE).payload("{\"a\":1}".getBytes(StandardCharsets.UTF_8))
          .contentType("application/json").payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
          .responseTopic(topic + "/reply").correlationData(new byte[] {1, 2, 3})
          .userProperties().add("z", "1").add("a", "2").add("z", "3").applyUserProperties().send();
      v3.publishWith().topic(topic + "/from3").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {9}).send();

      Mqtt5Publish p = in5.receive(10, TimeUnit.SECONDS).orElseThrow();
      assertThat(p.getContentType()).hasValueSatisfying(v -> assertThat(v.toString()).isEqualTo("application/json"));
      assertThat(p.getPayloadFormatIndicator()).hasValue(Mqtt5PayloadFormatIndicator.UTF_8);
      assertThat(p.getResponseTopic()).hasValueSatisfying(v -> assertThat(v.toString()).isEqualTo(topic + "/reply"));
      assertThat(p.getCorrelationData().map(Mqtt5FeaturesIT::bytes)).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
      assertThat(p.getUserProperties().asList()).extracting(u -> u.getName() + "=" + u.getValue())
          .as("order and duplicates preserved").containsExactly("z=1", "a=2", "z=3");

      Mqtt5Publish from3 = in5.receive(10, TimeUnit.SECONDS).orElseThrow();
      assertThat(from3.getPayloadAsBytes()).containsExactly(9);
      assertThat(from3.getUserProperties().asList()).isEmpty();
      assertThat(from3.getContentType()).isEmpty();

      assertThat(in3.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes())
          .isEqualTo("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    } finally {
      pub.disconnect();
      sub5.disconnect();
      v3.disconnect();
    }
  }

  @Test
  void clientReceiveMaximumBoundsUnacknowledgedDeliveries() throws Exception {
    String topic = unique("window");
    MqttProperties connectProps = new MqttProperties();
    connectProps.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, 2));
    Mqtt5BlockingClient pub = Mqtt.v5(mqtt, Mqtt.id("windowpub"));
    pub.connect();
    try (RawMqtt raw = RawMqtt.open(mqtt.mqttPort(), MqttVersion.MQTT_5)) {
      raw.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId(Mqtt.id("window"))
          .cleanSession(true).keepAlive(60).properties(connectProps).build());
      raw.expectConnAckSuccess();
      raw.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, topic + "/#").build());
      raw.expect(MqttMessageType.SUBACK, WAIT);
      for (int i = 0; i < 4; i++) {
        pub.publishWith().topic(topic + "/q1").qos(MqttQos.AT_LEAST_ONCE).payload(bytes("m" + i)).send();
      }
      // QoS 0 is outside the window, so this marker overtakes whatever the window holds back.
      pub.publishWith().topic(topic + "/marker").qos(MqttQos.AT_MOST_ONCE).send();
      List<String> got = new ArrayList<>();
      MqttPublishMessage first = null;
      while (true) {
        MqttPublishMessage p = (MqttPublishMessage) raw.expect(MqttMessageType.PUBLISH, WAIT);
        if (p.variableHeader().topicName().endsWith("/marker")) {
          break;
        }
        first = first == null ? p : first;
        got.add(p.payload().toString(StandardCharsets.UTF_8));
      }
      assertThat(got).as("only the client's Receive Maximum in flight").containsExactly("m0", "m1");
      raw.send(MqttMessageBuilders.pubAck().packetId(first.variableHeader().packetId()).build());
      MqttPublishMessage next = (MqttPublishMessage) raw.expect(MqttMessageType.PUBLISH, WAIT);
      assertThat(next.payload().toString(StandardCharsets.UTF_8)).as("a PUBACK opens the window").isEqualTo("m2");
    } finally {
      pub.disconnect();
    }
  }

  @Test
  void packetsLargerThanTheClientsMaximumPacketSizeAreNotSent() throws Exception {
    String topic = unique("maxpacket");
    String marker = unique("marker");
    Mqtt5BlockingClient small = Mqtt.v5Builder(mqtt, Mqtt.id("small")).buildBlocking();
    small.connectWith().restrictions().maximumPacketSize(1000).applyRestrictions().send();
    Mqtt5BlockingClient pub = Mqtt.v5(mqtt, Mqtt.id("bigpub"));
    pub.connect();
    try (var in = small.publishes(MqttGlobalPublishFilter.ALL)) {
      small.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      small.subscribeWith().topicFilter(marker).qos(MqttQos.AT_LEAST_ONCE).send();
      pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[2000]).send();
      pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[100]).send();
      pub.publishWith().topic(marker).qos(MqttQos.AT_LEAST_ONCE).send();
      List<Mqtt5Publish> got = Inbox.until(in, marker, WAIT);
      assertThat(got).extracting(p -> p.getPayloadAsBytes().length).containsExactly(100);
      assertThat(small.getState().isConnected()).isTrue();
    } finally {
      small.disconnect();
      pub.disconnect();
    }
  }

  @Test
  void sessionExpiryCannotBeSetAtDisconnectWhenItWasZero() throws Exception {
    try (RawMqtt raw = RawMqtt.connect(mqtt.mqttPort(), MqttVersion.MQTT_5, Mqtt.id("sei"), 60)) {
      MqttProperties props = new MqttProperties();
      props.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 60));
      raw.send(MqttMessageBuilders.disconnect().reasonCode((byte) 0).properties(props).build());
      // MQTT 5 §3.14.2.2.2: a Protocol Error, which the server answers with DISCONNECT 0x82
      assertThat(reasonOf(raw.expect(MqttMessageType.DISCONNECT, WAIT))).isEqualTo(0x82);
      assertThat(raw.awaitClosed(WAIT)).isTrue();
    }
  }

  @Test
  void noLocalSubscriptionDoesNotGetTheClientsOwnMessages() throws Exception {
    String topic = unique("nolocal");
    String marker = unique("marker");
    Mqtt5BlockingClient self = Mqtt.v5(mqtt, Mqtt.id("self"));
    Mqtt5BlockingClient other = Mqtt.v5(mqtt, Mqtt.id("other"));
    self.connect();
    other.connect();
    try (var selfIn = self.publishes(MqttGlobalPublishFilter.ALL); var otherIn = other.publishes(MqttGlobalPublishFilter.ALL)) {
      self.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).noLocal(true).send();
      self.subscribeWith().topicFilter(marker).qos(MqttQos.AT_LEAST_ONCE).send();
      other.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      other.subscribeWith().topicFilter(marker).qos(MqttQos.AT_LEAST_ONCE).send();
      self.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      self.publishWith().topic(marker).qos(MqttQos.AT_LEAST_ONCE).send();
      assertThat(Inbox.topicsUntil(selfIn, marker)).isEmpty();
      assertThat(Inbox.topicsUntil(otherIn, marker)).containsExactly(topic);
    } finally {
      self.disconnect();
      other.disconnect();
    }
  }

  @Test
  void subscriptionIdentifiersAreSentWithMatchingMessages() throws Exception {
    String level = unique("subid");
    String topic = level + "/x";
    try (RawMqtt raw = RawMqtt.connect(mqtt.mqttPort(), MqttVersion.MQTT_5, Mqtt.id("subid"), 60)) {
      raw.send(subscribeWithId(1, topic, 7));
      assertThat(((MqttSubAckMessage) raw.expect(MqttMessageType.SUBACK, WAIT)).payload().reasonCodes()).containsExactly(0);
      raw.send(subscribeWithId(2, level + "/+", 9));
      assertThat(((MqttSubAckMessage) raw.expect(MqttMessageType.SUBACK, WAIT)).payload().reasonCodes()).containsExactly(0);
      raw.publish(topic, MqttQoS.AT_MOST_ONCE, 0, "x", MqttProperties.NO_PROPERTIES);
      MqttPublishMessage p = (MqttPublishMessage) raw.expect(MqttMessageType.PUBLISH, WAIT);
      List<Integer> ids = new ArrayList<>();
      for (var prop : p.variableHeader().properties().getProperties(MqttProperties.SUBSCRIPTION_IDENTIFIER)) {
        ids.add((Integer) prop.value());
      }
      assertThat(ids).containsExactlyInAnyOrder(7, 9);
    }
  }

  @Test
  void awsStrictDisconnectsASubscribeWithASubscriptionIdentifier() throws Exception {
    try (RawMqtt raw = RawMqtt.connect(strict.mqttPort(), MqttVersion.MQTT_5, Mqtt.id("subid-aws"), 60)) {
      raw.send(subscribeWithId(1, "strict/subid", 7));
      assertThat(reasonOf(raw.expect(MqttMessageType.DISCONNECT, WAIT))).isEqualTo(0xA1);
      assertThat(raw.awaitClosed(WAIT)).isTrue();
    }
  }

  @Test
  void sharedSubscriptionGivesEachMessageToExactlyOneMember() throws Exception {
    String topic = unique("shared");
    String marker = unique("marker");
    List<Mqtt5BlockingClient> members = new ArrayList<>();
    List<Mqtt5BlockingClient.Mqtt5Publishes> inboxes = new ArrayList<>();
    Mqtt5BlockingClient pub = Mqtt.v5(mqtt, Mqtt.id("sharedpub"));
    pub.connect();
    try {
      for (int i = 0; i < 3; i++) {
        Mqtt5BlockingClient m = Mqtt.v5(mqtt, Mqtt.id("member"));
        m.connect();
        inboxes.add(m.publishes(MqttGlobalPublishFilter.ALL));
        m.subscribeWith().topicFilter("$share/g/" + topic).qos(MqttQos.AT_LEAST_ONCE).send();
        m.subscribeWith().topicFilter(marker).qos(MqttQos.AT_LEAST_ONCE).send();
        members.add(m);
      }
      for (int i = 0; i < 30; i++) {
        pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(("m" + i).getBytes(StandardCharsets.UTF_8)).send();
      }
      pub.publishWith().topic(marker).qos(MqttQos.AT_LEAST_ONCE).send();
      List<String> all = new ArrayList<>();
      for (var in : inboxes) {
        List<Mqtt5Publish> got = Inbox.until(in, marker, WAIT);
        assertThat(got).as("every member gets some").isNotEmpty();
        got.forEach(p -> all.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
      }
      Set<String> distinct = new HashSet<>(all);
      assertThat(all).as("each message to exactly one member").hasSize(30);
      assertThat(distinct).hasSize(30);
    } finally {
      for (var in : inboxes) {
        in.close();
      }
      members.forEach(Mqtt5BlockingClient::disconnect);
      pub.disconnect();
    }
  }

  @Test
  void expiredMessageIsNotDeliveredToAPersistentSessionAndTheRestHaveLessTimeLeft() throws Exception {
    MutableClock clock = new MutableClock();
    GatewayHarness.Node node = harness.start(Profile.MQTT, c -> { }, "clock-node", clock);
    String topic = unique("expiry");
    String id = Mqtt.id("offline");
    try {
      Mqtt5BlockingClient sub = Mqtt.v5(node, id);
      sub.connectWith().cleanStart(true).sessionExpiryInterval(600).send();
      sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      sub.disconnect();
      Mqtt5BlockingClient pub = Mqtt.v5(node, Mqtt.id("expirypub"));
      pub.connect();
      pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("short")).messageExpiryInterval(10).send();
      pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("long")).messageExpiryInterval(100).send();
      pub.disconnect();
      clock.advance(Duration.ofSeconds(30));

      try (var in = sub.publishes(MqttGlobalPublishFilter.ALL)) {
        sub.connectWith().cleanStart(false).sessionExpiryInterval(600).send();
        Mqtt5Publish first = in.receive(10, TimeUnit.SECONDS).orElseThrow(() -> new AssertionError("nothing delivered"));
        assertThat(new String(first.getPayloadAsBytes(), StandardCharsets.UTF_8)).as("the expired one is skipped").isEqualTo("long");
        assertThat(first.getMessageExpiryInterval().getAsLong()).as("100 s less the 30 s offline").isBetween(60L, 70L);
      }
      sub.disconnectWith().sessionExpiryInterval(0).send();
    } finally {
      harness.stop(node);
    }
  }

  private static MqttMessage subscribeWithId(int packetId, String filter, int subscriptionId) {
    MqttProperties props = new MqttProperties();
    props.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER, subscriptionId));
    return MqttMessageBuilders.subscribe().messageId(packetId).properties(props)
        .addSubscription(filter, new MqttSubscriptionOption(MqttQoS.AT_MOST_ONCE, false, false,
            MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE))
        .build();
  }

  private static MqttProperties alias(int alias) {
    MqttProperties p = new MqttProperties();
    p.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, alias));
    return p;
  }

  private static int reasonOf(MqttMessage disconnect) {
    return ((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode() & 0xFF;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
