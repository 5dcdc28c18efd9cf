package io.tributary.streams.shadow;

import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.envelope.EnvelopeFormatException;
import io.tributary.shadow.ShadowTopics;
import io.tributary.streams.shadow.internal.EnvelopeSerde;
import io.tributary.streams.shadow.internal.ShadowProcessor;
import io.tributary.streams.shadow.internal.ShadowStore;
import io.tributary.streams.shadow.internal.ThingPartitioner;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shadow job's topology:
 * <pre>
 * shadow.requests ─▶ shadow requests (not wills) ─▶ ShadowService against the "shadows" store
 *                 ─▶ responses ─▶ messages
 * </pre>
 * The gateway writes every shadow request publish to {@code <prefix>shadow.requests} keyed by thing
 * name, so Kafka's default partitioner (murmur2 of the key) already puts all requests of one thing
 * in one partition, in order: no repartition topic. {@link ThingPartitioner} computes the same
 * partition for interactive queries. The store's changelog is
 * {@code <applicationId>-shadows-changelog}.
 */
public final class ShadowTopology {
  private static final Logger LOG = LoggerFactory.getLogger(ShadowTopology.class);

  private ShadowTopology() {}

  public static Topology build(ShadowJobConfig config) {
    Serde<Envelope> envelopes = EnvelopeSerde.create();
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(ShadowStore.builder());
    builder.stream(config.topics().shadowRequests(),
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("shadow-requests"))
        .flatMapValues(bytes -> request(bytes).map(List::of).orElse(List.of()), Named.as("requests-only"))
        .process(() -> new ShadowProcessor(config.limits(), config.nodeId(), config.clock()),
            Named.as("shadow-service"), ShadowStore.NAME)
        .to(config.topics().messages(), Produced.with(Serdes.String(), envelopes).withName("shadow-responses"));
    return builder.build();
  }

  /**
   * The envelope in {@code bytes} if it is a shadow request the service must answer: published on
   * a request topic, and not a will (AWS's shadow service ignores last-will messages).
   */
  static Optional<Envelope> request(byte[] bytes) {
    if (bytes == null) {
      return Optional.empty();
    }
    Envelope envelope;
    try {
      // The gateway writes only shadow requests here; check anyway before decoding the whole envelope.
      String topic = EnvelopeCodec.topic(bytes);
      if (!topic.startsWith("$aws/things/") || ShadowTopics.parseRequest(topic).isEmpty()) {
        return Optional.empty();
      }
      envelope = EnvelopeCodec.decode(bytes);
    } catch (EnvelopeFormatException e) {
      LOG.warn("skipping an unreadable message: {}", e.getMessage());
      return Optional.empty();
    }
    if (envelope.origin() == Envelope.Origin.WILL || envelope.origin() == Envelope.Origin.SHADOW) {
      return Optional.empty();
    }
    return Optional.of(envelope);
  }
}
