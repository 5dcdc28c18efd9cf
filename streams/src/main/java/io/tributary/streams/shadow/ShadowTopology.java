package io.tributary.streams.shadow;

import io.tributary.core.envelope.Envelope;
import io.tributary.streams.shadow.internal.EnvelopeSerde;
import io.tributary.streams.shadow.internal.ShadowProcessor;
import io.tributary.streams.shadow.internal.ShadowStore;
import io.tributary.streams.shadow.internal.ThingPartitioner;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The shadow job's topology:
 * <pre>
 * shadow.requests ─▶ shadow requests (not wills): ShadowService against the "shadows" store
 *                 ─▶ responses ─▶ messages
 * </pre>
 * The gateway writes every shadow request publish to {@code <prefix>shadow.requests} keyed by thing
 * name, so Kafka's default partitioner (murmur2 of the key) already puts all requests of one thing
 * in one partition, in order: no repartition topic. One processor reads the envelope (topic first,
 * parsed once) and answers it, so a request is decoded once. {@link ThingPartitioner} computes the same
 * partition for interactive queries. The store's changelog is
 * {@code <applicationId>-shadows-changelog}.
 */
public final class ShadowTopology {
  private ShadowTopology() {}

  public static Topology build(ShadowJobConfig config) {
    Serde<Envelope> envelopes = EnvelopeSerde.create();
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(ShadowStore.builder());
    builder.stream(config.topics().shadowRequests(),
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("shadow-requests"))
        .process(() -> new ShadowProcessor(config.limits(), config.nodeId(), config.clock()),
            Named.as("shadow-service"), ShadowStore.NAME)
        .to(config.topics().messages(), Produced.with(Serdes.String(), envelopes).withName("shadow-responses"));
    return builder.build();
  }
}
