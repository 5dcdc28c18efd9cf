package io.tributary.streams.rules;

import io.tributary.connectors.RuleRecords;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.topic.Topics;
import io.tributary.rules.MessageContext;
import io.tributary.rules.RuleOutput;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the rules matching each message of the message topic and dispatches their actions.
 * The candidate rules come from the task's {@link RuleIndex}; the message gets one
 * {@link MessageContext}, so its payload is parsed once however many rules evaluate it. A Basic
 * Ingest message ({@code $aws/rules/<rule>/...}) goes to the named rule only, with the prefix
 * removed from {@code topic()}. Messages that went through {@link RuleRecords#MAX_HOPS} republishes
 * are not evaluated again. A rule sees only messages written at or after the time it was stored
 * ({@link CompiledTopicRule#effectiveFrom}), as AWS applies a rule to messages published after its
 * creation, even when the job reaches older messages later (catching up after a restart).
 */
final class RulesProcessor implements Processor<byte[], byte[], byte[], Output> {
  private static final Logger LOG = LoggerFactory.getLogger(RulesProcessor.class);
  private static final byte[] NO_KEY = new byte[0];

  private final RuleIndex index;
  private final ActionDispatcher dispatcher;
  private final RulesMetrics metrics;
  private final Clock clock;
  private final List<CompiledTopicRule> matches = new ArrayList<>();
  private ProcessorContext<byte[], Output> context;

  RulesProcessor(RuleCatalog catalog, RulesTopology.Settings settings, RulesMetrics metrics) {
    this.index = new RuleIndex(catalog, settings.matchMode());
    this.dispatcher = new ActionDispatcher(settings, metrics);
    this.metrics = metrics;
    this.clock = settings.clock();
  }

  @Override
  public void init(ProcessorContext<byte[], Output> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    metrics.messages.increment();
    index.refresh();
    if (!index.anyEnabled()) {
      return; // only until RulesJob closes the idle instance (idleStopAfter)
    }
    int hops = RuleRecords.hops(record.headers());
    if (hops >= RuleRecords.MAX_HOPS) {
      metrics.loopsStopped.increment();
      return;
    }
    if (record.value() == null) {
      return;
    }
    String topic;
    try {
      topic = EnvelopeCodec.topic(record.value()); // the whole envelope is decoded only when a rule matches
    } catch (RuntimeException e) {
      metrics.malformed.increment();
      return;
    }
    String ingestRule = Topics.basicIngestRule(topic);
    matches.clear();
    if (ingestRule != null) {
      CompiledTopicRule rule = index.enabled(ingestRule);
      if (rule != null) {
        matches.add(rule);
      }
      int start = Topics.BASIC_INGEST_PREFIX.length() + ingestRule.length() + 1;
      topic = start <= topic.length() ? topic.substring(start) : "";
    } else {
      index.match(topic, matches);
    }
    long written = record.timestamp();
    for (int i = matches.size() - 1; i >= 0; i--) {
      if (written < matches.get(i).effectiveFrom()) {
        matches.remove(i); // written before this version of the rule was stored
      }
    }
    if (matches.isEmpty()) {
      return;
    }
    Envelope envelope;
    try {
      envelope = EnvelopeCodec.decode(record.value());
    } catch (RuntimeException e) {
      metrics.malformed.increment();
      return;
    }
    MessageContext ctx = Contexts.of(envelope, topic, clock);
    byte[] key = record.key() == null ? NO_KEY : record.key();
    long timestamp = record.timestamp();
    ActionDispatcher.Sink sink = (k, out, headers) -> context.forward(new Record<>(k, out, timestamp, headers));
    for (CompiledTopicRule rule : matches) {
      metrics.evaluations.increment();
      Optional<RuleOutput> output;
      try {
        output = rule.sql().evaluate(ctx);
      } catch (RuntimeException e) {
        metrics.evaluationErrors.increment();
        LOG.warn("Rule {} failed on a message on {}: {}", rule.name(), envelope.topic(), e.toString());
        continue;
      }
      if (output.isPresent()) {
        metrics.outputs.increment();
        dispatcher.dispatch(rule, ctx, envelope, key, output.get(), hops, sink);
      }
    }
  }
}
