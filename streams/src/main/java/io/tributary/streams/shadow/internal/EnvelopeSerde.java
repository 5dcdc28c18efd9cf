package io.tributary.streams.shadow.internal;

import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** The message envelope as a Kafka serde, in the Avro single-object encoding of {@link EnvelopeCodec}. */
public final class EnvelopeSerde {
  private EnvelopeSerde() {}

  public static Serde<Envelope> create() {
    Serializer<Envelope> serializer = (topic, envelope) -> envelope == null ? null : EnvelopeCodec.encode(envelope);
    Deserializer<Envelope> deserializer = (topic, bytes) -> bytes == null ? null : EnvelopeCodec.decode(bytes);
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
