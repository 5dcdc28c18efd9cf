package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two gateway nodes on one Kafka cluster behave as one broker. */
class TwoNodeIT {
  static GatewayHarness harness;
  static GatewayHarness.Node a;
  static GatewayHarness.Node b;

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
    a = harness.start();
    b = harness.start();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @Test
  void subscriberOnOneNodeReceivesWhatIsPublishedOnTheOther() throws Exception {
    Mqtt5BlockingClient sub = Mqtt.v5(a, Mqtt.id("sub"));
    Mqtt5BlockingClient pub = Mqtt.v5(b, Mqtt.id("pub"));
    sub.connect();
    pub.connect();
    try (var publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter("cluster/+/temp").qos(MqttQos.AT_LEAST_ONCE).send();
      for (int i = 0; i < 100; i++) {
        pub.publishWith().topic("cluster/d" + i + "/temp").qos(MqttQos.AT_LEAST_ONCE)
            .payload(Integer.toString(i).getBytes(StandardCharsets.UTF_8)).send();
      }
      List<String> got = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        Optional<Mqtt5Publish> p = publishes.receive(10, TimeUnit.SECONDS);
        assertThat(p).as("message %d", i).isPresent();
        got.add(new String(p.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
      }
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        expected.add(Integer.toString(i));
      }
      assertThat(got).as("every message once, in publisher order").isEqualTo(expected);
    }
    sub.disconnect();
    pub.disconnect();
  }

  @Test
  void retainedPublishedOnOneNodeIsDeliveredOnSubscribeOnTheOther() throws Exception {
    Mqtt5BlockingClient pub = Mqtt.v5(b, Mqtt.id("rpub"));
    pub.connect();
    String topic = "cluster/retained/" + System.nanoTime();
    pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload("state".getBytes(StandardCharsets.UTF_8)).send();
    pub.disconnect();

    // node A learns of the retained message through the compacted retained topic
    await().atMost(Duration.ofSeconds(10)).until(() -> a.gateway().broker().retained().get(topic) != null);
    Mqtt5BlockingClient sub = Mqtt.v5(a, Mqtt.id("rsub"));
    sub.connect();
    try (var publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      Optional<Mqtt5Publish> p = publishes.receive(10, TimeUnit.SECONDS);
      assertThat(p).isPresent();
      assertThat(p.get().isRetain()).isTrue();
      assertThat(new String(p.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("state");
    }
    sub.disconnect();
  }
}
