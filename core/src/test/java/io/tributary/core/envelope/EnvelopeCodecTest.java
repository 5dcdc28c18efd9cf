package io.tributary.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.envelope.Mqtt5Properties.UserProperty;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

  private static Envelope full() {
    Mqtt5Properties props = new Mqtt5Properties("application/json", 1, "reply/to", new byte[] {1, 2, 3}, 60L,
        List.of(new UserProperty("a", "1"), new UserProperty("a", "2"), new UserProperty("b", "x")));
    return new Envelope("dev/1/temp", "{\"t\":21}".getBytes(StandardCharsets.UTF_8), 1, true, "c1", "cert-1",
        "thing-1", 1_700_000_000_123L, Envelope.Origin.MQTT, props, "node-a", "6f1c0b2e-0000-4000-8000-000000000001");
  }

  @Test
  void roundTripsEveryField() {
    Envelope e = full();
    Envelope back = EnvelopeCodec.decode(EnvelopeCodec.encode(e));
    assertThat(back).usingRecursiveComparison().isEqualTo(e);
  }

  @Test
  void encodingsOnOneThreadDoNotLeakIntoEachOther() {
    byte[] big = new byte[600_000]; // past the reused buffer's kept size
    java.util.Arrays.fill(big, (byte) 7);
    Envelope large = full().withTopic("t/large");
    large = new Envelope(large.topic(), big, 1, false, "c", null, null, 1L, Envelope.Origin.MQTT, null, "n", "t");
    Envelope small = new Envelope("s", new byte[] {1, 2}, 0, false, "c", null, null, 2L, Envelope.Origin.MQTT, null, "n",
        "t");
    byte[] first = EnvelopeCodec.encode(large);
    byte[] second = EnvelopeCodec.encode(small);
    byte[] third = EnvelopeCodec.encode(full());
    assertThat(EnvelopeCodec.decode(first)).usingRecursiveComparison().isEqualTo(large);
    assertThat(EnvelopeCodec.decode(second)).usingRecursiveComparison().isEqualTo(small);
    assertThat(EnvelopeCodec.decode(third)).usingRecursiveComparison().isEqualTo(full());
    assertThat(second.length).isLessThan(64);
  }

  @Test
  void roundTripsMinimalEnvelope() {
    Envelope e = new Envelope("a", new byte[0], 0, false, "", null, null, 5L, Envelope.Origin.HTTP, null, "n", "t");
    Envelope back = EnvelopeCodec.decode(EnvelopeCodec.encode(e));
    assertThat(back).usingRecursiveComparison().isEqualTo(e);
    assertThat(back.properties().isEmpty()).isTrue();
  }

  @Test
  void anyAvroConsumerCanReadItWithTheSchemaFile() throws Exception {
    BinaryMessageDecoder<GenericRecord> decoder =
        new BinaryMessageDecoder<>(GenericData.get(), EnvelopeCodec.schema());
    GenericRecord r = decoder.decode(EnvelopeCodec.encode(full()));
    assertThat(r.get("topic").toString()).isEqualTo("dev/1/temp");
    assertThat(r.get("qos")).isEqualTo(1);
    assertThat(r.get("origin").toString()).isEqualTo("mqtt");
    GenericRecord props = (GenericRecord) r.get("properties");
    assertThat(props.get("responseTopic").toString()).isEqualTo("reply/to");
    assertThat(((List<?>) props.get("userProperties"))).hasSize(3);
  }

  @Test
  void readsTheTopicAloneWithoutDecodingTheRest() {
    assertThat(EnvelopeCodec.topic(EnvelopeCodec.encode(full()))).isEqualTo("dev/1/temp");
    String longTopic = "$aws/things/" + "ü".repeat(200) + "/shadow/update"; // multi-byte length varint
    Envelope e = full().withTopic(longTopic);
    assertThat(EnvelopeCodec.topic(EnvelopeCodec.encode(e))).isEqualTo(longTopic);
    byte[] cut = java.util.Arrays.copyOf(EnvelopeCodec.encode(e), 20);
    assertThatThrownBy(() -> EnvelopeCodec.topic(cut)).isInstanceOf(EnvelopeFormatException.class);
    assertThatThrownBy(() -> EnvelopeCodec.topic(new byte[] {1, 2, 3})).isInstanceOf(EnvelopeFormatException.class);
  }

  @Test
  void rejectsForeignBytes() {
    assertThatThrownBy(() -> EnvelopeCodec.decode("{\"x\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EnvelopeFormatException.class);
    byte[] truncated = EnvelopeCodec.encode(full());
    byte[] cut = java.util.Arrays.copyOf(truncated, 14);
    assertThatThrownBy(() -> EnvelopeCodec.decode(cut)).isInstanceOf(EnvelopeFormatException.class);
  }

  @Test
  void expiryCountsFromReceiveTime() {
    Envelope e = full();
    assertThat(e.remainingExpirySeconds(e.receivedAt() + 10_500)).isEqualTo(49);
    assertThat(e.isExpired(e.receivedAt() + 59_999)).isFalse();
    assertThat(e.isExpired(e.receivedAt() + 60_000)).isTrue();
  }
}
