package io.tributary.server.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.tributary.server.TributaryNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code get_thing_shadow} end to end on one node: shadows written over REST and MQTT, a rule
 * reading them when a device publishes, the result republished to an MQTT subscriber.
 */
@ExtendWith(SharedRulesNode.class)
class RulesShadowIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::123456789012:role/x";
  private static TributaryNode node;
  private static RuleTestKit.Rest rest;
  private static Mqtt5BlockingClient device;
  private static Mqtt5BlockingClient app;

  @BeforeAll
  static void start(TributaryNode shared) {
    node = shared;
    rest = new RuleTestKit.Rest(node);
    device = RuleTestKit.mqtt(node, "shadow-rule-device");
    app = RuleTestKit.mqtt(node, "shadow-rule-app");
  }

  @AfterAll
  static void stop() {
    device.disconnect();
    app.disconnect();
  }

  @Test
  void aRuleReadsTheThingsShadowWrittenOverRestAndMqtt() throws Exception {
    rest.create("shadowTemp", "{\"sql\":\"SELECT get_thing_shadow(topic(2), '" + ROLE + "').state.reported.temp AS t,"
        + " get_thing_shadow(topic(2), 'cfg', '" + ROLE + "').state.desired.mode AS mode FROM 'sensors/+/x'\","
        + "\"awsIotSqlVersion\":\"2016-03-23\",\"actions\":[{\"republish\":{\"topic\":\"shadow-temp/${topic(2)}\"}}]}");
    await().atMost(Duration.ofSeconds(20)).until(() -> node.rulesJob().activeRules().contains("shadowTemp"));
    updateOverRest("pump-7", null, "{\"state\":{\"reported\":{\"temp\":21}}}");
    updateOverRest("pump-7", "cfg", "{\"state\":{\"desired\":{\"mode\":\"eco\"}}}");

    try (RuleTestKit.Inbox inbox = new RuleTestKit.Inbox(app, "shadow-temp/#")) {
      RuleTestKit.publish(device, "sensors/pump-7/x", "{}");
      Mqtt5Publish first = inbox.next();
      assertThat(first.getTopic().toString()).isEqualTo("shadow-temp/pump-7");
      assertThat(RuleTestKit.Inbox.text(first)).isEqualTo("{\"t\":21,\"mode\":\"eco\"}");

      try (RuleTestKit.Inbox accepted = new RuleTestKit.Inbox(device, "$aws/things/pump-7/shadow/update/accepted")) {
        RuleTestKit.publish(device, "$aws/things/pump-7/shadow/update", "{\"state\":{\"reported\":{\"temp\":23}}}");
        accepted.next(); // the shadow job stored the update before it answered
      }
      RuleTestKit.publish(device, "sensors/pump-7/x", "{}");
      assertThat(RuleTestKit.Inbox.text(inbox.next())).isEqualTo("{\"t\":23,\"mode\":\"eco\"}");

      // A thing without shadows: the function is Undefined, so the fields are left out.
      RuleTestKit.publish(device, "sensors/no-such-thing/x", "{}");
      Mqtt5Publish none = inbox.next();
      assertThat(none.getTopic().toString()).isEqualTo("shadow-temp/no-such-thing");
      assertThat(RuleTestKit.Inbox.text(none)).isEqualTo("{}");
    }
    assertThat(rest.send("DELETE", "/rules/shadowTemp", null).statusCode()).isEqualTo(200);
  }

  @Test
  void getRegistryDataIsRefusedWithAnAwsErrorDocument() throws Exception {
    HttpResponse<String> r = rest.send("POST", "/rules/registryRule", "{\"sql\":\"SELECT"
        + " get_registry_data('DescribeThing', topic(2), '" + ROLE + "') AS thing FROM 'sensors/+/y'\","
        + "\"awsIotSqlVersion\":\"2016-03-23\",\"actions\":[{\"republish\":{\"topic\":\"out\"}}]}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValueSatisfying(t -> assertThat(t).startsWith("SqlParseException"));
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("message").asText()).contains("get_registry_data").contains("no thing registry");
  }

  private static void updateOverRest(String thing, String shadowName, String body) {
    String path = "/things/" + thing + "/shadow" + (shadowName == null ? "" : "?name=" + shadowName);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> rest.send("POST", path, body).statusCode() == 200);
  }
}
