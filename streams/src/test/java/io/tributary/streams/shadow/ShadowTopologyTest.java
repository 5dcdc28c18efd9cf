package io.tributary.streams.shadow;

import static io.tributary.streams.shadow.Requests.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.TopicNames;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.topic.ShadowRequestTopics;
import io.tributary.shadow.ShadowId;
import io.tributary.shadow.StoredShadow;
import io.tributary.streams.shadow.internal.ShadowStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology without a broker: shadow requests in, responses out on the message topic, store contents. */
class ShadowTopologyTest {
  static final long T0 = 1_700_000_000_000L;
  static final TopicNames TOPICS = new TopicNames("t.");
  static final String UPDATE = "$aws/things/lamp/shadow/update";

  @TempDir
  Path dir;
  TopologyTestDriver driver;
  TestInputTopic<String, byte[]> in;
  TestOutputTopic<String, byte[]> out;

  @BeforeEach
  void start() {
    ShadowJobConfig config = new ShadowJobConfig("unused:9092", TOPICS, Requests.NODE, dir, "127.0.0.1:1",
        io.tributary.shadow.ShadowLimits.aws().withMaxNamedShadowsPerThing(2), 1, 50, 1,
        Clock.fixed(Instant.ofEpochMilli(T0 + 5), ZoneOffset.UTC), Map.of());
    Properties props = StreamsSettings.of(config);
    driver = new TopologyTestDriver(ShadowTopology.build(config), props);
    in = driver.createInputTopic(TOPICS.shadowRequests(), new StringSerializer(), new ByteArraySerializer());
    out = driver.createOutputTopic(TOPICS.messages(), new StringDeserializer(), new ByteArrayDeserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  /** Writes {@code request} as the gateway does: keyed by thing name (by client id when it has none). */
  private List<KeyValue<String, Envelope>> send(Envelope request) {
    String thing = ShadowRequestTopics.thingOf(request.topic());
    in.pipeInput(thing == null ? request.clientId() : thing, EnvelopeCodec.encode(request));
    return out.readKeyValuesToList().stream()
        .map(kv -> KeyValue.pair(kv.key, EnvelopeCodec.decode(kv.value)))
        .filter(kv -> kv.value.origin() == Envelope.Origin.SHADOW)
        .toList();
  }

  private static List<String> topics(List<KeyValue<String, Envelope>> responses) {
    return responses.stream().map(kv -> kv.value.topic()).toList();
  }

  @Test
  void readsOnlyTheShadowRequestsTopicWithNoRepartitionHop() {
    ShadowJobConfig config = ShadowJobConfig.local("unused:9092", TOPICS, "n", dir, "127.0.0.1:1");
    TopologyDescription description = ShadowTopology.build(config).describe();
    assertEquals(1, description.subtopologies().size(), description.toString());
    Set<String> sources = description.subtopologies().iterator().next().nodes().stream()
        .filter(node -> node instanceof TopologyDescription.Source)
        .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
        .collect(Collectors.toSet());
    assertEquals(Set.of(TOPICS.shadowRequests()), sources);
  }

  @Test
  void mqttUpdateIsAnsweredWithAcceptedDeltaAndDocuments() {
    Envelope request = Requests.mqtt(UPDATE, "{\"state\":{\"desired\":{\"on\":true}},\"clientToken\":\"c1\"}", 2, T0);
    List<KeyValue<String, Envelope>> responses = send(request);
    assertEquals(List.of(UPDATE + "/accepted", UPDATE + "/delta", UPDATE + "/documents"), topics(responses));
    KeyValue<String, Envelope> accepted = responses.get(0);
    assertEquals("lamp", accepted.key);
    assertEquals("{\"state\":{\"desired\":{\"on\":true}},\"metadata\":{\"desired\":{\"on\":{\"timestamp\":1700000000}}},"
        + "\"version\":1,\"timestamp\":1700000000,\"clientToken\":\"c1\"}", text(accepted.value));
    Envelope e = accepted.value;
    assertEquals(1, e.qos(), "QoS of the request capped at 1");
    assertEquals(ShadowJob.CLIENT_ID, e.clientId());
    assertEquals(request.traceId(), e.traceId());
    assertEquals(request.principal(), e.principal());
    assertEquals(T0 + 5, e.receivedAt());
    assertEquals(Requests.NODE, e.sourceNode());
    assertTrue(!e.retain());
  }

  @Test
  void qosZeroRequestsGetQosZeroResponsesAndErrorsGoToRejected() {
    List<KeyValue<String, Envelope>> responses = send(Requests.mqtt("$aws/things/lamp/shadow/get", "", 0, T0));
    assertEquals(List.of("$aws/things/lamp/shadow/get/rejected"), topics(responses));
    assertEquals("{\"code\":404,\"message\":\"No shadow exists with name: 'lamp'\"}", text(responses.get(0).value));
    assertEquals(0, responses.get(0).value.qos());
  }

  @Test
  void theStoreKeepsEveryShadowByThingAndName() {
    send(Requests.mqtt(UPDATE, "{\"state\":{\"reported\":{\"t\":1}}}", 1, T0));
    send(Requests.mqtt("$aws/things/lamp/shadow/name/color/update", "{\"state\":{\"reported\":{\"c\":2}}}", 1, T0));
    KeyValueStore<String, byte[]> store = driver.getKeyValueStore(ShadowStore.NAME);
    assertEquals("{\"reported\":{\"t\":1}}", StoredShadow.fromBytes(store.get("lamp/")).state().toString());
    assertEquals("{\"reported\":{\"c\":2}}", StoredShadow.fromBytes(store.get("lamp/color")).state().toString());
    List<KeyValue<String, Envelope>> get = send(Requests.mqtt("$aws/things/lamp/shadow/name/color/get", "{}", 1, T0));
    assertEquals(List.of("$aws/things/lamp/shadow/name/color/get/accepted"), topics(get));
  }

  @Test
  void restUpdateRepliesOnItsReplyTopicAndStillPublishesTheMqttEffects() {
    List<KeyValue<String, Envelope>> responses =
        send(Requests.restUpdate(ShadowId.classic("lamp"), "{\"state\":{\"desired\":{\"on\":1}}}", "r1", T0));
    assertEquals(List.of(UPDATE + "/accepted", UPDATE + "/delta", UPDATE + "/documents",
        RestEnvelopes.replyTopic(Requests.NODE, "r1")), topics(responses));
    RestEnvelopes.Reply reply = RestEnvelopes.readReply(responses.get(3).value);
    assertEquals(200, reply.status());
    assertEquals(text(responses.get(0).value), reply.bodyText(), "the REST body is the accepted document");
    assertEquals("r1", responses.get(3).value.traceId());
  }

  @Test
  void restErrorsAnswerOnlyTheCallerWithNoRejectedMessage() {
    List<KeyValue<String, Envelope>> responses =
        send(Requests.restUpdate(ShadowId.classic("lamp"), "{\"state\":", "r2", T0));
    assertEquals(List.of(RestEnvelopes.replyTopic(Requests.NODE, "r2")), topics(responses));
    RestEnvelopes.Reply reply = RestEnvelopes.readReply(responses.get(0).value);
    assertEquals(400, reply.status());
    assertEquals("InvalidRequestException", reply.errorType().orElseThrow());
    assertEquals("{\"message\":\"Invalid JSON\"}", reply.bodyText());

    List<KeyValue<String, Envelope>> delete = send(Requests.restDelete(ShadowId.named("lamp", "x"), "r3", T0));
    assertEquals(404, RestEnvelopes.readReply(delete.get(0).value).status());
    assertEquals(1, delete.size());
  }

  @Test
  void restDeletePublishesDeleteAccepted() {
    send(Requests.mqtt(UPDATE, "{\"state\":{\"reported\":{\"t\":1}}}", 1, T0));
    List<KeyValue<String, Envelope>> responses = send(Requests.restDelete(ShadowId.classic("lamp"), "r4", T0 + 1000));
    assertEquals(List.of("$aws/things/lamp/shadow/delete/accepted", RestEnvelopes.replyTopic(Requests.NODE, "r4")),
        topics(responses));
    assertEquals("{\"version\":1,\"timestamp\":1700000001}", RestEnvelopes.readReply(responses.get(1).value).bodyText());
  }

  @Test
  void willsResponsesOtherTopicsAndUnreadableRecordsAreIgnoredShouldTheyReachTheTopic() {
    assertEquals(List.of(), send(Requests.will(UPDATE, "{\"state\":{\"reported\":{\"online\":false}}}", T0)));
    assertEquals(List.of(), send(Requests.mqtt(UPDATE + "/accepted", "{}", 1, T0)));
    assertEquals(List.of(), send(Requests.mqtt("lamp/telemetry", "{}", 1, T0)));
    in.pipeInput("k", new byte[] {1, 2, 3});
    in.pipeInput("k", (byte[]) null);
    assertTrue(out.readKeyValuesToList().isEmpty());
    assertEquals(0, driver.getKeyValueStore(ShadowStore.NAME).approximateNumEntries());
  }

  @Test
  void requestsOverTheRatePerThingAreThrottledUntilTheBucketRefills() {
    for (int i = 0; i < 20; i++) {
      assertEquals("$aws/things/lamp/shadow/get/rejected",
          topics(send(Requests.mqtt("$aws/things/lamp/shadow/get", "{}", 1, T0))).get(0), "request " + i);
    }
    List<KeyValue<String, Envelope>> throttled =
        send(Requests.mqtt("$aws/things/lamp/shadow/name/n/get", "{\"clientToken\":\"x\"}", 1, T0 + 10));
    assertTrue(text(throttled.get(0).value).startsWith("{\"code\":429,"), text(throttled.get(0).value));
    assertTrue(text(throttled.get(0).value).endsWith("\"clientToken\":\"x\"}"));
    RestEnvelopes.Reply rest = RestEnvelopes.readReply(
        send(Requests.restUpdate(ShadowId.classic("lamp"), "{\"state\":{}}", "r5", T0 + 20)).get(0).value);
    assertEquals(429, rest.status());
    assertEquals("ThrottlingException", rest.errorType().orElseThrow());
    assertEquals(1, send(Requests.mqtt("$aws/things/other/shadow/get", "{}", 1, T0 + 20)).size(),
        "other things are not affected");
    List<KeyValue<String, Envelope>> later = send(Requests.mqtt(UPDATE, "{\"state\":{}}", 1, T0 + 1100));
    assertEquals(UPDATE + "/accepted", topics(later).get(0));
  }

  @Test
  void theNamedShadowLimitCountsLiveNamedShadowsOfTheThing() {
    String named = "$aws/things/lamp/shadow/name/";
    String body = "{\"state\":{\"reported\":{\"x\":1}}}";
    send(Requests.mqtt(UPDATE, body, 1, T0));
    assertEquals(named + "a/update/accepted", topics(send(Requests.mqtt(named + "a/update", body, 1, T0))).get(0));
    assertEquals(named + "b/update/accepted", topics(send(Requests.mqtt(named + "b/update", body, 1, T0))).get(0));
    List<KeyValue<String, Envelope>> third = send(Requests.mqtt(named + "c/update", body, 1, T0));
    assertEquals(named + "c/update/rejected", topics(third).get(0));
    assertNotNull(text(third.get(0).value));
    send(Requests.mqtt(named + "a/delete", "", 1, T0 + 2000));
    assertEquals(named + "c/update/accepted", topics(send(Requests.mqtt(named + "c/update", body, 1, T0 + 2000))).get(0));
    assertEquals("$aws/things/other/shadow/name/d/update/accepted",
        topics(send(Requests.mqtt("$aws/things/other/shadow/name/d/update", body, 1, T0 + 2000))).get(0),
        "the limit is per thing");
  }
}
