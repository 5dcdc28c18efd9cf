package io.tributary.streams.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.connectors.ActionInvocation;
import io.tributary.connectors.InvocationCodec;
import io.tributary.core.config.TopicNames;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.envelope.Mqtt5Properties;
import io.tributary.core.topic.MatchMode;
import io.tributary.rules.Lookups;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The rules topology under {@link TopologyTestDriver}, with helpers to store rules and publish messages. */
final class RulesDriver implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final TopicNames TOPICS = new TopicNames("t.");
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  /** When rules are stored: before the messages, which a rule sees only if written after it. */
  static final Instant RULES_WRITTEN = NOW.minusSeconds(60);

  final RulesMetrics metrics = new RulesMetrics();
  /** Platform topics a kafka action may write to, with their partition counts. */
  final Map<String, Integer> knownTopics = new HashMap<>();
  final TopologyTestDriver driver;
  private final Lookups lookups;
  /** Rules reach the topology through the catalog, as {@link RuleCatalogReader} feeds it from the rules topic. */
  private final RuleFeed rules;
  private final org.apache.kafka.streams.TestInputTopic<String, byte[]> messages;
  private final org.apache.kafka.streams.TestOutputTopic<String, byte[]> messagesOut;

  RulesDriver() {
    this(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  RulesDriver(Clock clock) {
    this(clock, Lookups.none());
  }

  RulesDriver(Lookups lookups) {
    this(Clock.fixed(NOW, ZoneOffset.UTC), lookups);
  }

  RulesDriver(Clock clock, Lookups lookups) {
    this.lookups = lookups;
    RulesTopology.Settings settings = new RulesTopology.Settings(TOPICS, "node-1", clock, MatchMode.MQTT,
        knownTopics::get, lookups);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "rules-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    RuleCatalog catalog = new RuleCatalog();
    rules = new RuleFeed(catalog, lookups);
    driver = new TopologyTestDriver(RulesTopology.build(settings, metrics, catalog), props);
    messages = driver.createInputTopic(TOPICS.messages(), new StringSerializer(), new ByteArraySerializer());
    messagesOut = driver.createOutputTopic(TOPICS.messages(), new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** Stores a rule as the control plane would: the payload checked, then written in stored form. */
  void putRule(String name, String payloadJson) throws Exception {
    TopicRule rule = TopicRule.fromPayload(name, JSON.readTree(payloadJson), 1_700_000_000L);
    RuleCompiler.check(rule, lookups);
    rules.apply(name, rule.toStored(), RULES_WRITTEN.toEpochMilli());
    rules.publish();
  }

  void deleteRule(String name) {
    rules.apply(name, null, RULES_WRITTEN.toEpochMilli());
    rules.publish();
  }

  /** A rule with one action: {@code SELECT … FROM …} and the action's JSON. */
  void putRule(String name, String sql, String actionJson) throws Exception {
    putRule(name, "{\"sql\":" + JSON.writeValueAsString(sql) + ",\"awsIotSqlVersion\":\"2016-03-23\",\"actions\":["
        + actionJson + "]}");
  }

  void publish(String topic, String payload, String clientId) {
    publish(envelope(topic, payload.getBytes(StandardCharsets.UTF_8), clientId, Mqtt5Properties.NONE), new RecordHeaders());
  }

  void publish(Envelope envelope, RecordHeaders headers) {
    publishAt(envelope, headers, NOW);
  }

  /** Publishes with the record timestamp {@code written} (when the gateway wrote it). */
  void publishAt(Envelope envelope, RecordHeaders headers, Instant written) {
    messages.pipeInput(new TestRecord<>(envelope.clientId(), EnvelopeCodec.encode(envelope), headers, written));
  }

  static Envelope envelope(String topic, byte[] payload, String clientId, Mqtt5Properties props) {
    return new Envelope(topic, payload, 1, false, clientId, "principal-1", null, NOW.toEpochMilli(),
        Envelope.Origin.MQTT, props, "node-0", "trace-" + clientId);
  }

  /** What the job wrote back to the message topic (republished messages and error documents). */
  List<TestRecord<String, byte[]>> republished() {
    return messagesOut.readRecordsToList();
  }

  static Envelope decode(TestRecord<String, byte[]> record) {
    return EnvelopeCodec.decode(record.value());
  }

  List<TestRecord<String, byte[]>> records(String topic) {
    return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
  }

  List<ActionInvocation> invocations() {
    return records(TOPICS.ruleActions()).stream().map(r -> InvocationCodec.decode(r.value())).toList();
  }

  static JsonNode json(byte[] bytes) throws Exception {
    return JSON.readTree(bytes);
  }

  @Override
  public void close() {
    driver.close();
  }
}
