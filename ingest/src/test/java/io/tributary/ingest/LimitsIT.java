package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AWS's limits, configurable: over one, the documented reason code or disconnect, and nobody else is affected. */
class LimitsIT {
  static GatewayHarness harness;
  static GatewayHarness.Node node;

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
    node = harness.start(io.tributary.core.config.Profile.MQTT, c -> c.mqtt.maxPayloadBytes = 1024);
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @Test
  void payloadOverTheLimitDisconnectsWithPacketTooLargeAndOthersCarryOn() throws Exception {
    Mqtt.Watched big = new Mqtt.Watched(node, Mqtt.id("big"));
    big.client.connect();
    Mqtt5BlockingClient other = connected("other");
    try (var in = other.publishes(MqttGlobalPublishFilter.ALL)) {
      other.subscribeWith().topicFilter("limits/ok").send();
      big.client.toAsync().publishWith().topic("limits/big").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[1025]).send();
      assertThat(big.awaitServerDisconnect(10)).isEqualTo(0x95);
      other.publishWith().topic("limits/ok").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[1024]).send();
      assertThat(in.receive(10, TimeUnit.SECONDS)).as("a payload at the limit still passes").isPresent();
    } finally {
      other.disconnect();
      big.disconnectQuietly();
    }
  }

  @Test
  void topicOver256BytesOrOver8LevelsGetsPubAckTopicNameInvalid() throws Exception {
    Mqtt5BlockingClient c = connected("topics");
    try {
      assertThat(pubAckCode(c, "l/" + "x".repeat(254))).as("256 bytes").isEqualTo(0x00);
      assertThat(pubAckCode(c, "l/" + "x".repeat(255))).as("257 bytes").isEqualTo(0x90);
      assertThat(pubAckCode(c, "1/2/3/4/5/6/7/8")).as("8 levels").isEqualTo(0x00);
      assertThat(pubAckCode(c, "1/2/3/4/5/6/7/8/9")).as("9 levels").isEqualTo(0x90);
      assertThat(c.getState().isConnected()).isTrue();
    } finally {
      c.disconnect();
    }
  }

  @Test
  void filtersBeyondEightInOneSubscribeAreRefusedWithQuotaExceeded() {
    Mqtt5BlockingClient c = connected("filters");
    try {
      List<Mqtt5SubAckReasonCode> codes = subscribe(c, "many", 0, 10);
      assertThat(codes.subList(0, 8)).containsOnly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
      assertThat(codes.subList(8, 10)).containsOnly(Mqtt5SubAckReasonCode.QUOTA_EXCEEDED);
    } finally {
      c.disconnect();
    }
  }

  @Test
  void subscriptionsBeyondFiftyAreRefusedWithQuotaExceeded() {
    Mqtt5BlockingClient c = connected("fifty");
    try {
      for (int from = 0; from < 48; from += 8) {
        assertThat(subscribe(c, "s", from, 8)).containsOnly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
      }
      List<Mqtt5SubAckReasonCode> last = subscribe(c, "s", 48, 3);
      assertThat(last).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1, Mqtt5SubAckReasonCode.GRANTED_QOS_1,
          Mqtt5SubAckReasonCode.QUOTA_EXCEEDED);
      assertThat(subscribe(c, "s", 0, 1)).as("re-subscribing an existing filter is not a new one")
          .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
    } finally {
      c.disconnect();
    }
  }

  /** Subscribes to {@code prefix/from} .. {@code prefix/(from+count-1)} in one SUBSCRIBE; the SUBACK's codes. */
  private static List<Mqtt5SubAckReasonCode> subscribe(Mqtt5BlockingClient c, String prefix, int from, int count) {
    List<Mqtt5Subscription> subs = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      subs.add(Mqtt5Subscription.builder().topicFilter("limits/" + prefix + "/" + i).qos(MqttQos.AT_LEAST_ONCE).build());
    }
    try {
      return c.subscribe(Mqtt5Subscribe.builder().addSubscriptions(subs).build()).getReasonCodes();
    } catch (Mqtt5SubAckException e) {
      return e.getMqttMessage().getReasonCodes();
    }
  }

  static int pubAckCode(Mqtt5BlockingClient c, String topic) throws Exception {
    try {
      Mqtt5PublishResult r = c.toAsync().publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).send()
          .get(10, TimeUnit.SECONDS);
      return ((Mqtt5PublishResult.Mqtt5Qos1Result) r).getPubAck().getReasonCode().getCode();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Mqtt5PubAckException p) {
        return p.getMqttMessage().getReasonCode().getCode();
      }
      throw e;
    }
  }

  private static Mqtt5BlockingClient connected(String prefix) {
    Mqtt5BlockingClient c = Mqtt.v5(node, Mqtt.id(prefix));
    c.connect();
    return c;
  }
}
