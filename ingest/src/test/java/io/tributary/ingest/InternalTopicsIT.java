package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The nodes' internal topics ($tributary/...) cannot be subscribed to, whatever the filter's form. */
class InternalTopicsIT {
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

  @ParameterizedTest
  @ValueSource(strings = {"$tributary/replies/#", "$tributary/+/node-1/#", "$share/spy/$tributary/replies/#"})
  void subscribingToInternalTopicsIsNotAuthorized(String filter) {
    Mqtt5BlockingClient c = Mqtt.v5(node, Mqtt.id("spy"));
    c.connect();
    // the client library reports a SUBACK of only refusals as an exception carrying the SUBACK
    Mqtt5SubAckException refused = catchThrowableOfType(Mqtt5SubAckException.class,
        () -> c.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send());
    assertThat(refused).isNotNull();
    assertThat(refused.getMqttMessage().getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
    c.disconnect();
  }
}
