package io.tributary.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connectors.ActionInvocation;
import io.tributary.connectors.RuleRecords;
import io.tributary.connectors.Target;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.Mqtt5Properties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import io.tributary.rules.Lookups;
import io.tributary.rules.ShadowReader;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rules job under TopologyTestDriver: matching, actions, rule changes and loops. */
class RulesTopologyTest {
  private RulesDriver rules = new RulesDriver();

  @AfterEach
  void close() {
    rules.close();
  }

  @Test
  void republishesWithTopicTemplateQosAndMqtt5Headers() throws Exception {
    rules.putRule("alerts", "SELECT temp, topic(2) AS device FROM 'devices/+/telemetry' WHERE temp > 50",
        "{\"republish\":{\"topic\":\"alerts/${topic(2)}\",\"qos\":1,\"headers\":{"
            + "\"contentType\":\"application/json\",\"payloadFormatIndicator\":\"UTF8_DATA\","
            + "\"responseTopic\":\"replies/${clientid()}\",\"correlationData\":\"${encode(topic(2), 'base64')}\","
            + "\"messageExpiry\":\"${temp}\",\"userProperties\":[{\"key\":\"source\",\"value\":\"${clientid()}\"}]}}}");

    rules.publish("devices/d1/telemetry", "{\"temp\":70}", "d1");
    rules.publish("devices/d1/telemetry", "{\"temp\":20}", "d1");

    List<TestRecord<String, byte[]>> out = rules.republished();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).key()).isEqualTo("d1");
    assertThat(out.get(0).headers().lastHeader(RuleRecords.HOPS_HEADER).value()).isEqualTo("1".getBytes());
    Envelope e = RulesDriver.decode(out.get(0));
    assertThat(e.topic()).isEqualTo("alerts/d1");
    assertThat(new String(e.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"temp\":70,\"device\":\"d1\"}");
    assertThat(e.qos()).isEqualTo(1);
    assertThat(e.origin()).isEqualTo(Envelope.Origin.RULE);
    assertThat(e.clientId()).isEmpty();
    assertThat(e.sourceNode()).isEqualTo("node-1");
    assertThat(e.receivedAt()).isEqualTo(RulesDriver.NOW.toEpochMilli());
    Mqtt5Properties p = e.properties();
    assertThat(p.contentType()).isEqualTo("application/json");
    assertThat(p.payloadFormat()).isEqualTo(1);
    assertThat(p.responseTopic()).isEqualTo("replies/d1");
    assertThat(p.correlationData()).isEqualTo("d1".getBytes(StandardCharsets.UTF_8));
    assertThat(p.messageExpirySeconds()).isEqualTo(70L);
    assertThat(p.userProperties()).containsExactly(new Mqtt5Properties.UserProperty("source", "d1"));
  }

  @Test
  void doubleDollarRepublishesToAReservedTopic() throws Exception {
    rules.putRule("toShadow", "SELECT VALUE state FROM 'cmd/+'",
        "{\"republish\":{\"topic\":\"$$aws/things/${topic(2)}/shadow/update\"}}");
    rules.publish("cmd/lamp", "{\"state\":{\"desired\":{\"on\":true}}}", "app");

    Envelope e = RulesDriver.decode(rules.republished().get(0));
    assertThat(e.topic()).isEqualTo("$aws/things/lamp/shadow/update");
    assertThat(e.qos()).isZero();
    // The shadow job reads shadow requests from their own topic, keyed by thing: the copy goes there too.
    List<TestRecord<String, byte[]>> requests = rules.records(RulesDriver.TOPICS.shadowRequests());
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).key()).isEqualTo("lamp");
    assertThat(RulesDriver.decode(requests.get(0)).topic()).isEqualTo("$aws/things/lamp/shadow/update");
  }

  @Test
  void republishToAShadowResponseTopicIsNoShadowRequest() throws Exception {
    rules.putRule("toAccepted", "SELECT * FROM 'cmd/+'",
        "{\"republish\":{\"topic\":\"$$aws/things/${topic(2)}/shadow/update/accepted\"}}");
    rules.publish("cmd/lamp", "{\"on\":true}", "app");
    assertThat(rules.republished()).hasSize(1);
    assertThat(rules.records(RulesDriver.TOPICS.shadowRequests())).isEmpty();
  }

  @Test
  void aRuleSeesOnlyMessagesWrittenAfterItWasStored() throws Exception {
    rules.putRule("fresh", "SELECT seq FROM 'late/+'", "{\"republish\":{\"topic\":\"out/fresh\"}}");

    rules.publishAt(RulesDriver.envelope("late/a", "{\"seq\":1}".getBytes(StandardCharsets.UTF_8), "a",
        Mqtt5Properties.NONE), new RecordHeaders(), RulesDriver.RULES_WRITTEN.minusMillis(1));
    rules.publishAt(RulesDriver.envelope("late/a", "{\"seq\":2}".getBytes(StandardCharsets.UTF_8), "a",
        Mqtt5Properties.NONE), new RecordHeaders(), RulesDriver.RULES_WRITTEN);

    assertThat(rules.republished()).extracting(r -> new String(RulesDriver.decode(r).payload(), StandardCharsets.UTF_8))
        .containsExactly("{\"seq\":2}");
    assertThat(rules.metrics.get("evaluations")).isEqualTo(1);
  }

  @Test
  void getThingShadowReadsTheShadowReaderAndAFailedReadRunsNoAction() throws Exception {
    ShadowReader reader = (thing, shadowName) -> switch (thing) {
      case "pump" -> Optional.of(RulesDriver.JSON.createObjectNode().set("state", RulesDriver.JSON.createObjectNode()
          .set("reported", RulesDriver.JSON.createObjectNode().put("temp", 21))));
      case "down" -> throw new IllegalStateException("owner did not answer");
      default -> Optional.empty();
    };
    try (RulesDriver shadows = new RulesDriver(Lookups.none().withShadowReader(reader))) {
      shadows.putRule("withShadow", "{\"sql\":\"SELECT get_thing_shadow(topic(2), 'arn:aws:iam::123456789012:role/x')"
          + ".state.reported.temp AS t FROM 'sensors/+/x'\",\"awsIotSqlVersion\":\"2016-03-23\","
          + "\"actions\":[{\"republish\":{\"topic\":\"out/${topic(2)}\"}}],"
          + "\"errorAction\":{\"republish\":{\"topic\":\"errors\"}}}");

      shadows.publish("sensors/pump/x", "{}", "s");
      shadows.publish("sensors/down/x", "{}", "s");
      shadows.publish("sensors/none/x", "{}", "s");

      assertThat(shadows.republished()).extracting(r -> RulesDriver.decode(r).topic() + " "
          + new String(RulesDriver.decode(r).payload(), StandardCharsets.UTF_8))
          .containsExactly("out/pump {\"t\":21}", "out/none {}");
      assertThat(shadows.metrics.get("evaluationErrors")).isEqualTo(1);
    }
  }

  @Test
  void evaluatesOnlyTheRulesWhoseFilterMatches() throws Exception {
    for (int i = 0; i < 500; i++) {
      rules.putRule("other" + i, "SELECT * FROM 'fleet/" + i + "/+'", "{\"republish\":{\"topic\":\"x/" + i + "\"}}");
    }
    rules.putRule("exact", "SELECT 'exact' AS r FROM 'site/7/temp'", "{\"republish\":{\"topic\":\"out/exact\"}}");
    rules.putRule("wild", "SELECT 'wild' AS r FROM 'site/#'", "{\"republish\":{\"topic\":\"out/wild\"}}");

    rules.publish("site/7/temp", "{}", "s7");

    assertThat(rules.metrics.get("evaluations")).isEqualTo(2);
    assertThat(rules.republished()).extracting(r -> RulesDriver.decode(r).topic()).containsExactly("out/exact", "out/wild");
  }

  @Test
  void everyMatchingRuleSeesTheSameMessageContext() throws Exception {
    AtomicLong ticks = new AtomicLong();
    Clock ticking = new Clock() {
      @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
      @Override public Clock withZone(ZoneId zone) { return this; }
      @Override public Instant instant() { return Instant.ofEpochMilli(1000 + ticks.incrementAndGet()); }
    };
    rules.close();
    rules = new RulesDriver(ticking);
    for (String name : List.of("a", "b", "c")) {
      rules.putRule(name, "SELECT timestamp() AS ts, v FROM 'shared/topic'", "{\"republish\":{\"topic\":\"out/" + name + "\"}}");
    }
    rules.publish("shared/topic", "{\"v\":1}", "c1");

    List<String> payloads = rules.republished().stream()
        .map(r -> new String(RulesDriver.decode(r).payload(), StandardCharsets.UTF_8)).toList();
    assertThat(payloads).hasSize(3).containsOnly(payloads.get(0));
  }

  @Test
  void disabledRulesDoNotRunUntilEnabled() throws Exception {
    String action = "{\"republish\":{\"topic\":\"out\"}}";
    rules.putRule("r", "{\"sql\":\"SELECT * FROM 'in'\",\"ruleDisabled\":true,\"actions\":[" + action + "]}");
    rules.publish("in", "{}", "c");
    assertThat(rules.republished()).isEmpty();

    rules.putRule("r", "{\"sql\":\"SELECT * FROM 'in'\",\"ruleDisabled\":false,\"actions\":[" + action + "]}");
    rules.publish("in", "{}", "c");
    assertThat(rules.republished()).hasSize(1);
  }

  @Test
  void replacedAndDeletedRulesTakeEffectForTheNextMessage() throws Exception {
    rules.putRule("r", "SELECT 1 AS v FROM 'in/a'", "{\"republish\":{\"topic\":\"out\"}}");
    rules.publish("in/a", "{}", "c");
    rules.putRule("r", "SELECT 2 AS v FROM 'in/b'", "{\"republish\":{\"topic\":\"out\"}}");
    rules.publish("in/a", "{}", "c");
    rules.publish("in/b", "{}", "c");
    rules.deleteRule("r");
    rules.publish("in/b", "{}", "c");

    assertThat(rules.republished()).extracting(r -> new String(RulesDriver.decode(r).payload(), StandardCharsets.UTF_8))
        .containsExactly("{\"v\":1}", "{\"v\":2}");
  }

  @Test
  void kafkaActionWritesToAPlatformTopicWithKeyAndHeaders() throws Exception {
    rules.knownTopics.put("telemetry-d9", 3);
    rules.putRule("k", "SELECT temp FROM 'devices/+/telemetry'",
        "{\"kafka\":{\"destinationArn\":\"arn:aws:iot:us-east-1:123456789012:ruledestination/vpc/x\","
            + "\"topic\":\"telemetry-${topic(2)}\",\"key\":\"${clientid()}\",\"partition\":\"0\","
            + "\"headers\":[{\"key\":\"origin\",\"value\":\"${topic()}\"}]}}");
    rules.publish("devices/d9/telemetry", "{\"temp\":5,\"x\":1}", "d9");

    List<TestRecord<String, byte[]>> out = rules.records("telemetry-d9");
    assertThat(out).hasSize(1);
    assertThat(out.get(0).key()).isEqualTo("d9");
    assertThat(new String(out.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"temp\":5}");
    assertThat(new String(out.get(0).headers().lastHeader("origin").value(), StandardCharsets.UTF_8))
        .isEqualTo("devices/d9/telemetry");
    assertThat(rules.invocations()).isEmpty();
  }

  @Test
  void aKafkaActionToAMissingTopicFiresTheErrorActionWithAwsDocument() throws Exception {
    rules.putRule("broken", "{\"sql\":\"SELECT * FROM 'in/+'\",\"actions\":[{\"kafka\":{\"topic\":\"nowhere\"}}],"
        + "\"errorAction\":{\"republish\":{\"topic\":\"errors/${topic(2)}\"}}}");
    rules.publish("in/x", "{\"a\":1}", "dev");

    List<TestRecord<String, byte[]>> out = rules.republished();
    assertThat(out).hasSize(1);
    Envelope e = RulesDriver.decode(out.get(0));
    assertThat(e.topic()).isEqualTo("errors/x");
    var doc = RulesDriver.json(e.payload());
    assertThat(doc.get("ruleName").asText()).isEqualTo("broken");
    assertThat(doc.get("topic").asText()).isEqualTo("in/x");
    assertThat(doc.get("clientId").asText()).isEqualTo("dev");
    assertThat(doc.get("cloudwatchTraceId").asText()).isEqualTo("trace-dev");
    assertThat(doc.get("base64OriginalPayload").asText()).isEqualTo("eyJhIjoxfQ==");
    assertThat(doc.get("failures").get(0).get("failedAction").asText()).isEqualTo("KafkaAction");
    assertThat(doc.get("failures").get(0).get("failedResource").asText()).isEqualTo("nowhere");
    assertThat(doc.get("failures").get(0).get("errorMessage").asText()).contains("does not exist");
  }

  @Test
  void httpActionsBecomeOneInvocationPerRuleAndMessage() throws Exception {
    rules.putRule("hook", "{\"sql\":\"SELECT temp FROM 'devices/+/telemetry'\",\"actions\":["
        + "{\"http\":{\"url\":\"http://127.0.0.1:1/${topic(2)}\",\"headers\":[{\"key\":\"x-device\",\"value\":\"${clientid()}\"}]}},"
        + "{\"kafka\":{\"topic\":\"t\",\"clientProperties\":{\"bootstrap.servers\":\"other:9092\",\"acks\":\"1\"}}},"
        + "{\"republish\":{\"topic\":\"copy\"}}],"
        + "\"errorAction\":{\"http\":{\"url\":\"http://127.0.0.1:1/errors\"}}}");
    rules.publish("devices/d2/telemetry", "{\"temp\":1}", "d2");

    List<ActionInvocation> invocations = rules.invocations();
    assertThat(invocations).hasSize(1);
    ActionInvocation inv = invocations.get(0);
    assertThat(inv.ruleName()).isEqualTo("hook");
    assertThat(inv.topic()).isEqualTo("devices/d2/telemetry");
    assertThat(inv.clientId()).isEqualTo("d2");
    assertThat(new String(inv.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"temp\":1}");
    assertThat(inv.json()).isTrue();
    assertThat(inv.actions()).containsExactly(
        new Target.Http("http://127.0.0.1:1/d2", List.of(new Target.Header("x-device", "d2"))),
        new Target.Kafka(java.util.Map.of("bootstrap.servers", "other:9092", "acks", "1"), "t", null, null, List.of()));
    assertThat(inv.errorAction()).isEqualTo(new Target.Http("http://127.0.0.1:1/errors", List.of()));
    assertThat(rules.republished()).hasSize(1);
  }

  @Test
  void aRuleRepublishingToItsOwnFilterStopsAfterTheHopLimit() throws Exception {
    // The driver feeds what the job writes to the message topic back into it, like the real topic.
    rules.putRule("loop", "SELECT * FROM 'loop/#'", "{\"republish\":{\"topic\":\"loop/again\"}}");
    rules.publish("loop/start", "{}", "c");

    List<TestRecord<String, byte[]>> out = rules.republished();
    assertThat(out).hasSize(RuleRecords.MAX_HOPS);
    assertThat(out.get(RuleRecords.MAX_HOPS - 1).headers().lastHeader(RuleRecords.HOPS_HEADER).value())
        .isEqualTo(String.valueOf(RuleRecords.MAX_HOPS).getBytes(StandardCharsets.UTF_8));
    assertThat(rules.metrics.get("loopsStopped")).isEqualTo(1);
  }

  @Test
  void aKafkaPartitionBeyondTheTopicFailsTheAction() throws Exception {
    rules.knownTopics.put("three", 3);
    rules.putRule("p", "{\"sql\":\"SELECT * FROM 'in'\",\"actions\":[{\"kafka\":{\"topic\":\"three\",\"partition\":\"${n}\"}}],"
        + "\"errorAction\":{\"kafka\":{\"topic\":\"three\"}}}");
    rules.publish("in", "{\"n\":5}", "c");

    List<TestRecord<String, byte[]>> out = rules.records("three");
    assertThat(out).hasSize(1);
    assertThat(RulesDriver.json(out.get(0).value()).get("failures").get(0).get("errorMessage").asText())
        .isEqualTo("Kafka topic 'three' has no partition 5 (it has 3)");
  }

  @Test
  void basicIngestRunsOnlyTheNamedRuleWithThePrefixRemoved() throws Exception {
    rules.putRule("ingest", "SELECT topic() AS t FROM 'not/this'", "{\"republish\":{\"topic\":\"out\"}}");
    rules.putRule("other", "SELECT * FROM 'plant/#'", "{\"republish\":{\"topic\":\"never\"}}");
    rules.publish("$aws/rules/ingest/plant/3", "{}", "c");

    List<TestRecord<String, byte[]>> out = rules.republished();
    assertThat(out).hasSize(1);
    assertThat(new String(RulesDriver.decode(out.get(0)).payload(), StandardCharsets.UTF_8)).isEqualTo("{\"t\":\"plant/3\"}");
  }

  @Test
  void rulesSelectFromShadowResponsesAndLifecycleEvents() throws Exception {
    rules.putRule("shadow", "SELECT state.reported AS r FROM '$aws/things/+/shadow/update/accepted'",
        "{\"republish\":{\"topic\":\"shadows/${topic(3)}\"}}");
    rules.putRule("presence", "SELECT clientId FROM '$aws/events/presence/connected/+'",
        "{\"republish\":{\"topic\":\"presence\"}}");
    rules.publish("$aws/things/pump/shadow/update/accepted", "{\"state\":{\"reported\":{\"on\":1}}}", "");
    rules.publish("$aws/events/presence/connected/d5", "{\"clientId\":\"d5\"}", "");

    assertThat(rules.republished()).extracting(r -> RulesDriver.decode(r).topic() + " "
        + new String(RulesDriver.decode(r).payload(), StandardCharsets.UTF_8))
        .containsExactly("shadows/pump {\"r\":{\"on\":1}}", "presence {\"clientId\":\"d5\"}");
  }

  @Test
  void binaryPayloadsPassThroughToHttpAsOctetStream() throws Exception {
    rules.putRule("bin", "SELECT * FROM 'raw/+'", "{\"http\":{\"url\":\"http://127.0.0.1:1/raw\"}}");
    rules.publish(RulesDriver.envelope("raw/1", new byte[] {0, (byte) 0xff, 3}, "c", Mqtt5Properties.NONE),
        new RecordHeaders());

    ActionInvocation inv = rules.invocations().get(0);
    assertThat(inv.payload()).containsExactly(0, 0xff, 3);
    assertThat(inv.json()).isFalse();
  }
}
