package io.tributary.streams.rules;

import io.tributary.core.config.TopicNames;
import io.tributary.core.topic.MatchMode;
import io.tributary.rules.Lookups;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The rules job's topology:
 *
 * <pre>
 *   &lt;prefix&gt;rules ──▶ RuleCatalogReader (its own consumer) ──▶ RuleCatalog (compiled rules, copy-on-write)
 *                                                                     │ read per message
 *   &lt;prefix&gt;messages ──▶ RulesProcessor ──▶ sink (topic from each record):
 *                                             &lt;prefix&gt;messages       republish
 *                                             any platform topic     kafka action
 *                                             &lt;prefix&gt;rules.actions  invocations for the connectors
 * </pre>
 *
 * Every output is written in the transaction that consumes its input ({@code exactly_once_v2}). The
 * rules are not part of the topology: {@link RulesJob} reads them with its own consumer, so it
 * knows them also while no Streams instance runs (it stops the instance while no rule is enabled).
 */
public final class RulesTopology {
  /**
   * What the topology needs to know.
   *
   * @param matchMode {@code '#'} semantics of FROM filters (AWS_STRICT under the aws-strict profile)
   * @param topicCatalog which platform topics exist, for kafka actions
   * @param lookups the readers {@code get_thing_shadow} and {@code get_registry_data} call; rules
   *     calling a function whose reader is missing do not compile
   */
  public record Settings(TopicNames topics, String nodeId, Clock clock, MatchMode matchMode, TopicCatalog topicCatalog,
                         Lookups lookups) {
    /** Settings without lookups. */
    public Settings(TopicNames topics, String nodeId, Clock clock, MatchMode matchMode, TopicCatalog topicCatalog) {
      this(topics, nodeId, clock, matchMode, topicCatalog, Lookups.none());
    }
  }

  private RulesTopology() {}

  /** Builds the topology: its rules come from {@code catalog}, its counters go to {@code metrics}. */
  static Topology build(Settings settings, RulesMetrics metrics, RuleCatalog catalog) {
    Topology topology = new Topology();
    // Keys stay bytes: they are only copied to outputs, so decoding them per message would be waste.
    topology.addSource("messages", new ByteArrayDeserializer(), new ByteArrayDeserializer(), settings.topics().messages());
    topology.addProcessor("rules-processor", () -> new RulesProcessor(catalog, settings, metrics), "messages");
    topology.addSink("rules-sink", (key, value, ctx) -> value.topic(), new ByteArraySerializer(),
        (topic, output) -> output.value(), new ExplicitPartition(), "rules-processor");
    return topology;
  }

  /** The partition an {@link Output} names, else the default partitioner; drops a record for a partition that does not exist. */
  private static final class ExplicitPartition implements StreamPartitioner<byte[], Output> {
    @Override
    public Optional<Set<Integer>> partitions(String topic, byte[] key, Output value, int numPartitions) {
      Integer p = value.partition();
      if (p == null) {
        return Optional.empty();
      }
      return Optional.of(p < numPartitions ? Set.of(p) : Set.of());
    }
  }
}
