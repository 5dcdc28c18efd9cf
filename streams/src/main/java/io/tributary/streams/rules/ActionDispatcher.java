package io.tributary.streams.rules;

import io.tributary.connectors.ActionInvocation;
import io.tributary.connectors.ErrorDocument;
import io.tributary.connectors.Failure;
import io.tributary.connectors.InvocationCodec;
import io.tributary.connectors.RuleRecords;
import io.tributary.connectors.Target;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.topic.ShadowRequestTopics;
import io.tributary.rules.MessageContext;
import io.tributary.rules.RuleOutput;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs the actions of one rule for one message. Republish and platform-Kafka actions become
 * records written by the job itself (exactly once with the input); HTTP and external-Kafka actions
 * become one {@link ActionInvocation} on the actions topic for the connectors. Actions that fail
 * here (a template rendered to an invalid topic, a missing Kafka topic) are aggregated into the
 * invocation, or, when nothing is left for the connectors and the error action is a platform one,
 * the job writes the AWS error document itself.
 */
final class ActionDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ActionDispatcher.class);

  /** Where the dispatcher's records go: the processor's context. */
  @FunctionalInterface
  interface Sink {
    void write(byte[] key, Output output, Headers headers);
  }

  private final String prefix;
  private final String messagesTopic;
  private final String actionsTopic;
  private final String shadowRequestsTopic;
  private final String nodeId;
  private final Clock clock;
  private final TopicCatalog topics;
  private final RulesMetrics metrics;

  ActionDispatcher(RulesTopology.Settings settings, RulesMetrics metrics) {
    this.prefix = settings.topics().prefix();
    this.messagesTopic = settings.topics().messages();
    this.actionsTopic = settings.topics().ruleActions();
    this.shadowRequestsTopic = settings.topics().shadowRequests();
    this.nodeId = settings.nodeId();
    this.clock = settings.clock();
    this.topics = settings.topicCatalog();
    this.metrics = metrics;
  }

  void dispatch(CompiledTopicRule rule, MessageContext ctx, Envelope env, byte[] key, RuleOutput out, int hops,
                Sink sink) {
    List<Target> external = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (CompiledAction action : rule.actions()) {
      try {
        Target target = action.render(ctx, out);
        if (internal(target)) {
          writeInternal(target, out.bytes(), key, hops, sink);
        } else {
          external.add(target);
        }
      } catch (ActionException e) {
        metrics.actionFailures.increment();
        failures.add(e.failure());
      }
    }
    if (external.isEmpty() && failures.isEmpty()) {
      return;
    }
    Target error = renderErrorAction(rule, ctx, out);
    ActionInvocation invocation = new ActionInvocation(rule.name(), env.topic(), ctx.clientId().orElse(null),
        env.traceId(), env.payload(), out.bytes(), out.isJson(), external, failures, error, hops);
    if (!external.isEmpty() || (error != null && !internal(error))) {
      metrics.invocations.increment();
      sink.write(key, new Output(actionsTopic, null, InvocationCodec.encode(invocation)), new RecordHeaders());
      return;
    }
    if (error == null) {
      LOG.warn("Rule {}: action(s) failed and the rule has no error action: {}", rule.name(), failures);
      return;
    }
    try {
      writeInternal(error, ErrorDocument.of(invocation, failures), key, hops, sink);
    } catch (ActionException e) {
      LOG.warn("Rule {}: the error action failed too ({}); failures dropped: {}", rule.name(), e.getMessage(), failures);
    }
  }

  private Target renderErrorAction(CompiledTopicRule rule, MessageContext ctx, RuleOutput out) {
    if (rule.errorAction() == null) {
      return null;
    }
    try {
      return rule.errorAction().render(ctx, out);
    } catch (ActionException e) {
      LOG.warn("Rule {}: the error action cannot be rendered: {}", rule.name(), e.getMessage());
      return null;
    }
  }

  private static boolean internal(Target target) {
    return target instanceof Target.Republish || target instanceof Target.Kafka k && k.platform();
  }

  private void writeInternal(Target target, byte[] payload, byte[] key, int hops, Sink sink) {
    RecordHeaders headers = new RecordHeaders();
    if (target instanceof Target.Republish r) {
      Envelope envelope = RuleRecords.republished(r, payload, nodeId, clock.millis());
      headers.add(RuleRecords.HOPS_HEADER, RuleRecords.nextHops(hops));
      byte[] encoded = EnvelopeCodec.encode(envelope);
      sink.write(key, new Output(messagesTopic, null, encoded), headers);
      String thing = ShadowRequestTopics.thingOf(r.topic());
      if (thing != null) {
        // A shadow request, as the gateway writes one: the shadow job reads only this topic.
        sink.write(thing.getBytes(StandardCharsets.UTF_8), new Output(shadowRequestsTopic, null, encoded), headers);
      }
      metrics.platformWrites.increment();
      return;
    }
    Target.Kafka k = (Target.Kafka) target;
    if (k.topic().startsWith(prefix)) {
      throw new ActionException("KafkaAction", k.topic(), "Kafka topic '" + k.topic() + "' is reserved for Tributary");
    }
    Integer partitions = topics.partitions(k.topic());
    if (partitions == null) {
      throw new ActionException("KafkaAction", k.topic(), "Kafka topic '" + k.topic() + "' does not exist");
    }
    if (k.partition() != null && k.partition() >= partitions) {
      throw new ActionException("KafkaAction", k.topic(), "Kafka topic '" + k.topic() + "' has no partition "
          + k.partition() + " (it has " + partitions + ")");
    }
    for (Target.Header h : k.headers()) {
      headers.add(h.key(), h.value().getBytes(StandardCharsets.UTF_8));
    }
    byte[] recordKey = k.key() == null ? null : k.key().getBytes(StandardCharsets.UTF_8);
    sink.write(recordKey, new Output(k.topic(), k.partition(), payload), headers);
    metrics.platformWrites.increment();
  }
}
