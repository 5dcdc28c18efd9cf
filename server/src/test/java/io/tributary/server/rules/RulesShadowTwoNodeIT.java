package io.tributary.server.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.tributary.core.config.TributaryConfig;
import io.tributary.server.TributaryNode;
import io.tributary.streams.shadow.ShadowLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one Kafka cluster: a message's rules run on the node owning its partition of the
 * message topic, a thing's shadows live on the node owning its partition of the shadow job, so
 * {@code get_thing_shadow} reads some shadows from the other node.
 */
class RulesShadowTwoNodeIT {
  @TempDir
  Path dir;

  @Test
  void getThingShadowReadsShadowsOwnedByTheOtherNode() throws Exception {
    try (TributaryNode a = TributaryNode.start(RuleTestKit.config(dir.resolve("a")))) {
      TributaryConfig second = RuleTestKit.config(dir.resolve("b"));
      second.kafka.bootstrap = a.bootstrapServers();
      try (TributaryNode b = TributaryNode.start(second)) {
        List<String> things = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          things.add("meter-" + i);
        }
        assertThat(a.shadowJob().awaitRunning(Duration.ofSeconds(60))).isTrue();
        assertThat(b.shadowJob().awaitRunning(Duration.ofSeconds(60))).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> things.stream().allMatch(t ->
            a.shadowJob().locate(t).isLocal() != b.shadowJob().locate(t).isLocal()
                && a.shadowJob().locate(t).kind() != ShadowLocation.Kind.UNAVAILABLE
                && b.shadowJob().locate(t).kind() != ShadowLocation.Kind.UNAVAILABLE)
            && things.stream().anyMatch(t -> a.shadowJob().locate(t).isLocal())
            && things.stream().anyMatch(t -> b.shadowJob().locate(t).isLocal()));

        RuleTestKit.Rest rest = new RuleTestKit.Rest(a);
        rest.create("meterTemp", "{\"sql\":\"SELECT get_thing_shadow(topic(2), 'arn:aws:iam::123456789012:role/x')"
            + ".state.reported.temp AS t FROM 'meters/+/x'\",\"awsIotSqlVersion\":\"2016-03-23\","
            + "\"actions\":[{\"republish\":{\"topic\":\"meter-temp/${topic(2)}\"}}]}");
        await().atMost(Duration.ofSeconds(30)).until(() -> a.rulesJob().activeRules().contains("meterTemp")
            && b.rulesJob().activeRules().contains("meterTemp"));
        Map<String, String> expected = new TreeMap<>();
        for (String thing : things) {
          int temp = 10 + things.indexOf(thing);
          String body = "{\"state\":{\"reported\":{\"temp\":" + temp + "}}}";
          await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
              .until(() -> rest.send("POST", "/things/" + thing + "/shadow", body).statusCode() == 200);
          expected.put("meter-temp/" + thing, "{\"t\":" + temp + "}");
        }

        Mqtt5BlockingClient app = RuleTestKit.mqtt(b, "meter-app");
        Mqtt5BlockingClient device = RuleTestKit.mqtt(a, "meter-device");
        try (RuleTestKit.Inbox inbox = new RuleTestKit.Inbox(app, "meter-temp/#")) {
          for (String thing : things) {
            RuleTestKit.publish(device, "meters/" + thing + "/x", "{}");
          }
          Map<String, String> seen = new TreeMap<>();
          while (seen.size() < things.size()) {
            Mqtt5Publish p = inbox.next();
            seen.put(p.getTopic().toString(), RuleTestKit.Inbox.text(p));
          }
          assertThat(seen).isEqualTo(expected);
        } finally {
          app.disconnect();
          device.disconnect();
        }
      }
    }
  }
}
