package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.tributary.ingest.route.MessageFeed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Over MQTT, a node whose message feed is paused because nothing on it subscribes: the SUBSCRIBE
 * that wakes the feed is acknowledged only once the feed reads again, so what is published right
 * after the SUBACK is delivered, round after round of pausing and resuming. ({@code MessageFeedIT}
 * pins the same promise deterministically, at the feed.)
 */
class PausedFeedIT {
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

  @Test
  void aMessagePublishedRightAfterTheSubackIsDelivered_whenThatSubscriptionWokeThePausedFeed() throws Exception {
    MessageFeed feed = node.gateway().broker().feed();
    String base = "paused/" + UUID.randomUUID().toString().substring(0, 8);
    Mqtt3BlockingClient pub = Mqtt.v3(node, Mqtt.id("pub"));
    pub.connect();
    try {
      for (int round = 0; round < 10; round++) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !feed.reading());
        pub.publishWith().topic(base + "/" + round).qos(MqttQos.AT_LEAST_ONCE)
            .payload("unsubscribed".getBytes(StandardCharsets.UTF_8)).send(); // written while paused: skipped

        Mqtt5BlockingClient sub = Mqtt.v5(node, Mqtt.id("sub"));
        sub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes in = sub.publishes(MqttGlobalPublishFilter.ALL)) {
          sub.subscribeWith().topicFilter(base + "/" + round).qos(MqttQos.AT_LEAST_ONCE).send(); // returns on SUBACK
          assertThat(feed.reading()).isTrue();
          String payload = "round " + round;
          pub.publishWith().topic(base + "/" + round).qos(MqttQos.AT_LEAST_ONCE)
              .payload(payload.getBytes(StandardCharsets.UTF_8)).send();

          Optional<Mqtt5Publish> got = in.receive(10, TimeUnit.SECONDS);
          assertThat(got).as("round %d", round).isPresent();
          assertThat(new String(got.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo(payload);
          assertThat(in.receive(200, TimeUnit.MILLISECONDS)).as("nothing from before the subscription").isEmpty();
        } finally {
          sub.disconnect();
        }
      }
    } finally {
      pub.disconnect();
    }
  }
}
