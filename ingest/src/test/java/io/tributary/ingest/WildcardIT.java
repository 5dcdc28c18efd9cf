package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.tributary.core.config.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Topic filters with {@code +} and {@code #}, and {@code $}-topics, in both profiles (MQTT 5 §4.7, AWS "differences"). */
class WildcardIT {
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
  void plusMatchesExactlyOneLevel(Profile profile) throws Exception {
    String base = "w" + UUID.randomUUID().toString().substring(0, 6);
    List<String> got = receive(profile, base + "/+/t",
        List.of(base + "/a/t", base + "/b/t", base + "/t", base + "/a/b/t", base + "/a/t/x", base + "/a/"));
    assertThat(got).containsExactly(base + "/a/t", base + "/b/t");
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void hashMatchesEveryLevelBelowAndTheParentOnlyInTheMqttProfile(Profile profile) throws Exception {
    String base = "w" + UUID.randomUUID().toString().substring(0, 6);
    List<String> got = receive(profile, base + "/s/#",
        List.of(base + "/s", base + "/s/", base + "/s/x", base + "/s/x/y", base + "/sx", base + "/t/x"));
    if (profile == Profile.MQTT) {
      assertThat(got).containsExactly(base + "/s", base + "/s/", base + "/s/x", base + "/s/x/y");
    } else {
      // AWS IoT: "sensor/#" matches sensor/, sensor/temperature, ... but not sensor
      assertThat(got).containsExactly(base + "/s/", base + "/s/x", base + "/s/x/y");
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void dollarTopicsAreNotMatchedByLeadingWildcardsButByFiltersNamingThem(Profile profile) throws Exception {
    String thing = "t" + UUID.randomUUID().toString().substring(0, 6);
    String shadow = "$aws/things/" + thing + "/shadow/update";
    String plain = "plain/" + thing;
    GatewayHarness.Node node = nodes.get(profile);
    Mqtt5BlockingClient all = Mqtt.v5(node, Mqtt.id("hash"));
    Mqtt5BlockingClient plus = Mqtt.v5(node, Mqtt.id("plus"));
    Mqtt5BlockingClient shadows = Mqtt.v5(node, Mqtt.id("shadows"));
    Mqtt3BlockingClient pub = Mqtt.v3(node, Mqtt.id("pub"));
    String marker = "$aws/things/" + thing + "/shadow/marker";
    try (var allIn = subscribed(all, "#", marker);
         var plusIn = subscribed(plus, "+/things/" + thing + "/shadow/update", marker);
         var shadowIn = subscribed(shadows, "$aws/things/+/shadow/#", marker)) {
      plus.subscribeWith().topicFilter("+/" + thing).qos(MqttQos.AT_LEAST_ONCE).send();
      pub.connect();
      pub.publishWith().topic(shadow).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send();
      pub.publishWith().topic(plain).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {2}).send();
      pub.publishWith().topic(marker).qos(MqttQos.AT_LEAST_ONCE).send();

      // "#" sees the plain topic (and possibly other tests' traffic) but no $-topic.
      assertThat(Inbox.topicsUntil(allIn, marker)).contains(plain).noneMatch(t -> t.startsWith("$"));
      assertThat(Inbox.topicsUntil(plusIn, marker)).containsExactly(plain);
      assertThat(Inbox.topicsUntil(shadowIn, marker)).containsExactly(shadow);
    } finally {
      pub.disconnect();
      all.disconnect();
      plus.disconnect();
      shadows.disconnect();
    }
  }

  /** Subscribes {@code client} to {@code filter} and to the marker topic. */
  private static Mqtt5BlockingClient.Mqtt5Publishes subscribed(Mqtt5BlockingClient client, String filter, String marker) {
    client.connect();
    Mqtt5BlockingClient.Mqtt5Publishes in = client.publishes(MqttGlobalPublishFilter.ALL);
    client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
    client.subscribeWith().topicFilter(marker).qos(MqttQos.AT_LEAST_ONCE).send();
    return in;
  }

  /** Topics a subscriber to {@code filter} receives of {@code published}, in order. */
  private static List<String> receive(Profile profile, String filter, List<String> published) throws Exception {
    GatewayHarness.Node node = nodes.get(profile);
    Mqtt5BlockingClient sub = Mqtt.v5(node, Mqtt.id("sub"));
    Mqtt5BlockingClient pub = Mqtt.v5(node, Mqtt.id("pub"));
    String marker = "marker/" + UUID.randomUUID();
    pub.connect();
    try (var in = subscribed(sub, filter, marker)) {
      for (String t : published) {
        pub.publishWith().topic(t).qos(MqttQos.AT_LEAST_ONCE).payload(t.getBytes()).send();
      }
      pub.publishWith().topic(marker).qos(MqttQos.AT_LEAST_ONCE).send();
      return new ArrayList<>(Inbox.topicsUntil(in, marker));
    } finally {
      sub.disconnect();
      pub.disconnect();
    }
  }
}
