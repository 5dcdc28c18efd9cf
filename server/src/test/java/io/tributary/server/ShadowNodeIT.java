package io.tributary.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.tributary.core.config.TributaryConfig;
import io.tributary.server.ShadowClients.Inbox;
import io.tributary.server.ShadowClients.Rest;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device shadows end to end on a running node: MQTT devices, REST callers, both on one shadow. */
class ShadowNodeIT {
  @TempDir
  static Path dir;
  static TributaryNode node;
  static Rest rest;

  @BeforeAll
  static void start() {
    TributaryConfig config = TestNodes.devConfig(dir.resolve("a"));
    config.shadow.enabled = true;
    // These tests burst dozens of requests at one thing to prove serialization; AWS's 20 requests/s
    // per thing (tested in ShadowTopologyTest) would turn the burst into 429s.
    config.shadow.maxRequestsPerSecondPerThing = 10_000;
    node = TributaryNode.start(config);
    assertTrue(node.shadowJob().awaitRunning(Duration.ofSeconds(60)));
    rest = new Rest(node);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aDeviceUpdatesGetsAndDeletesItsShadowOverMqtt() throws Exception {
    String prefix = "$aws/things/lamp/shadow";
    Mqtt5BlockingClient device = ShadowClients.mqtt(node, "lamp");
    try (Inbox inbox = new Inbox(device, prefix + "/#")) {
      ShadowClients.publish(device, prefix + "/update", "{\"state\":{\"desired\":{\"on\":true}},\"clientToken\":\"c1\"}");
      JsonObject accepted = new JsonObject(inbox.next(prefix + "/update/accepted"));
      assertEquals(1, accepted.getInteger("version"));
      assertEquals("c1", accepted.getString("clientToken"));
      assertEquals(true, new JsonObject(inbox.next(prefix + "/update/delta")).getJsonObject("state").getBoolean("on"));
      assertEquals(1, new JsonObject(inbox.next(prefix + "/update/documents")).getJsonObject("current").getInteger("version"));

      ShadowClients.publish(device, prefix + "/get", "{\"clientToken\":\"c2\"}");
      JsonObject got = new JsonObject(inbox.next(prefix + "/get/accepted"));
      assertEquals(true, got.getJsonObject("state").getJsonObject("delta").getBoolean("on"));

      ShadowClients.publish(device, prefix + "/update", "{\"state\":{\"reported\":{\"on\":true}},\"version\":7}");
      assertEquals(409, new JsonObject(inbox.next(prefix + "/update/rejected")).getInteger("code"));

      ShadowClients.publish(device, prefix + "/delete", "");
      assertEquals(1, new JsonObject(inbox.next(prefix + "/delete/accepted")).getInteger("version"));
      ShadowClients.publish(device, prefix + "/get", "");
      assertEquals("{\"code\":404,\"message\":\"No shadow exists with name: 'lamp'\"}", inbox.next(prefix + "/get/rejected"));
    } finally {
      device.disconnect();
    }
  }

  @Test
  void restCallsUseAwsPathsShapesAndErrorsAndPublishTheirEffects() throws Exception {
    String prefix = "$aws/things/fan/shadow/name/speed";
    Mqtt5BlockingClient app = ShadowClients.mqtt(node, "fan-app");
    try (Inbox inbox = new Inbox(app, prefix + "/#")) {
      HttpResponse<String> created = rest.post("/things/fan/shadow?name=speed", "{\"state\":{\"desired\":{\"rpm\":900}}}");
      assertEquals(200, created.statusCode(), created.body());
      assertEquals(1, new JsonObject(created.body()).getInteger("version"));
      assertEquals(created.body(), inbox.next(prefix + "/update/accepted"), "REST success publishes accepted");
      inbox.next(prefix + "/update/documents");

      HttpResponse<String> got = rest.get("/things/fan/shadow?name=speed");
      assertEquals(200, got.statusCode());
      assertEquals(900, new JsonObject(got.body()).getJsonObject("state").getJsonObject("desired").getInteger("rpm"));

      HttpResponse<String> bad = rest.post("/things/fan/shadow?name=speed", "{\"state\":");
      assertEquals(400, bad.statusCode());
      assertEquals("InvalidRequestException", bad.headers().firstValue("x-amzn-ErrorType").orElseThrow());
      assertEquals("{\"message\":\"Invalid JSON\"}", bad.body());

      HttpResponse<String> conflict = rest.post("/things/fan/shadow?name=speed", "{\"state\":{},\"version\":9}");
      assertEquals(409, conflict.statusCode());
      assertEquals("ConflictException", conflict.headers().firstValue("x-amzn-ErrorType").orElseThrow());

      HttpResponse<String> deleted = rest.delete("/things/fan/shadow?name=speed");
      assertEquals(200, deleted.statusCode());
      assertEquals(1, new JsonObject(deleted.body()).getInteger("version"));
      inbox.next(prefix + "/delete/accepted");
      List<String> rest = inbox.drain(Duration.ofMillis(300));
      assertFalse(rest.stream().anyMatch(m -> m.contains("/rejected")), "REST errors publish nothing: " + rest);
    } finally {
      app.disconnect();
    }
    HttpResponse<String> missing = rest.get("/things/fan/shadow?name=speed");
    assertEquals(404, missing.statusCode());
    assertEquals("ResourceNotFoundException", missing.headers().firstValue("x-amzn-ErrorType").orElseThrow());
    assertEquals(400, rest.get("/things/bad%20name/shadow").statusCode());
    assertEquals(405, rest.send("PUT", "/things/fan/shadow").statusCode());
  }

  @Test
  void namedShadowsAreListedInPages() throws Exception {
    for (String name : List.of("c", "a", "b")) {
      assertEquals(200, rest.post("/things/hub/shadow?name=" + name, "{\"state\":{\"reported\":{\"x\":1}}}").statusCode());
    }
    rest.post("/things/hub/shadow", "{\"state\":{\"reported\":{\"x\":1}}}");
    JsonObject first = new JsonObject(rest.get("/api/things/shadow/ListNamedShadowsForThing/hub?pageSize=2").body());
    assertEquals(List.of("a", "b"), first.getJsonArray("results").getList());
    assertTrue(first.getLong("timestamp") > 1_600_000_000L);
    JsonObject second = new JsonObject(rest.get("/api/things/shadow/ListNamedShadowsForThing/hub?pageSize=2&nextToken="
        + first.getString("nextToken")).body());
    assertEquals(List.of("c"), second.getJsonArray("results").getList());
    assertFalse(second.containsKey("nextToken"));
    assertEquals("[]", new JsonObject(rest.get("/api/things/shadow/ListNamedShadowsForThing/nobody").body())
        .getJsonArray("results").encode());
    assertEquals(400, rest.get("/api/things/shadow/ListNamedShadowsForThing/hub?pageSize=0").statusCode());
  }

  @Test
  void restAndMqttUpdatesOfOneShadowAreSerializedWithoutLostUpdates() throws Exception {
    int each = 15;
    Mqtt5BlockingClient device = ShadowClients.mqtt(node, "door");
    try {
      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < each; i++) {
        int n = i;
        calls.add(CompletableFuture.supplyAsync(() -> post("/things/door/shadow",
            "{\"state\":{\"desired\":{\"rest" + n + "\":" + n + "}}}")));
        ShadowClients.publish(device, "$aws/things/door/shadow/update", "{\"state\":{\"reported\":{\"mqtt" + n + "\":" + n + "}}}");
      }
      for (CompletableFuture<HttpResponse<String>> call : calls) {
        assertEquals(200, call.join().statusCode(), call.join().body());
      }
      await().atMost(Duration.ofSeconds(20)).until(() ->
          new JsonObject(rest.get("/things/door/shadow").body()).getInteger("version", 0) == 2 * each);
      JsonObject state = new JsonObject(rest.get("/things/door/shadow").body()).getJsonObject("state");
      assertEquals(each, state.getJsonObject("desired").size());
      assertEquals(each, state.getJsonObject("reported").size());
    } finally {
      device.disconnect();
    }
  }

  @Test
  void clientsCannotUseTheInternalTopics() {
    Mqtt5BlockingClient client = ShadowClients.mqtt(node, "intruder");
    try {
      Mqtt5SubAckException sub = assertThrows(Mqtt5SubAckException.class,
          () -> client.subscribeWith().topicFilter("$tributary/replies/#").qos(MqttQos.AT_LEAST_ONCE).send());
      assertEquals(List.of(Mqtt5SubAckReasonCode.NOT_AUTHORIZED), sub.getMqttMessage().getReasonCodes());
      Mqtt5PubAckException pub = assertThrows(Mqtt5PubAckException.class,
          () -> ShadowClients.publish(client, "$tributary/replies/" + node.nodeId() + "/x", "{}"));
      assertEquals(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID, pub.getMqttMessage().getReasonCode());
    } finally {
      client.disconnect();
    }
  }

  private static HttpResponse<String> post(String path, String body) {
    try {
      return rest.post(path, body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
