package io.tributary.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.envelope.Mqtt5Properties.UserProperty;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
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

  /** The hand-written encoder writes exactly the bytes Avro's own writer writes for the schema. */
  @Test
  void encodesTheSameBytesAsAvrosOwnEncoder() throws Exception {
    BinaryMessageEncoder<GenericRecord> avro = new BinaryMessageEncoder<>(GenericData.get(), EnvelopeCodec.schema());
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 2_000; i++) {
      Envelope e = randomEnvelope(random);
      byte[] ours = EnvelopeCodec.encode(e);
      byte[] theirs = avro.encode(toRecord(e)).array();
      if (!java.util.Arrays.equals(ours, theirs)) {
        assertThat(ours).as("envelope %d: %s", i, e).isEqualTo(theirs);
      }
      if (i % 20 == 0) {
        assertThat(EnvelopeCodec.decode(ours)).usingRecursiveComparison().isEqualTo(e);
      }
    }
  }

  private static Envelope randomEnvelope(java.util.Random r) {
    Mqtt5Properties props = null;
    if (r.nextBoolean()) {
      List<UserProperty> users = new java.util.ArrayList<>();
      for (int n = r.nextInt(4); n > 0; n--) {
        users.add(new UserProperty(randomString(r), randomString(r)));
      }
      props = new Mqtt5Properties(r.nextBoolean() ? randomString(r) : null, r.nextBoolean() ? r.nextInt(2) : null,
          r.nextBoolean() ? randomString(r) : null, r.nextBoolean() ? randomBytes(r) : null,
          r.nextBoolean() ? (long) r.nextInt(Integer.MAX_VALUE) : null, users);
    }
    Envelope.Origin[] origins = Envelope.Origin.values();
    return new Envelope(randomString(r), randomBytes(r), r.nextInt(3), r.nextBoolean(), randomString(r),
        r.nextBoolean() ? randomString(r) : null, r.nextBoolean() ? randomString(r) : null,
        r.nextBoolean() ? r.nextLong() : r.nextInt(1000), origins[r.nextInt(origins.length)], props,
        randomString(r), randomString(r));
  }

  /** Empty, ASCII, Latin-1, multi-byte and surrogate-pair strings, short and past one varint byte. */
  private static String randomString(java.util.Random r) {
    String[] alphabet = {"a", "Z", "/", "$", "0", "é", "ü", "€", "水", "\uD83D\uDE00", "\u0000", "\u007F"};
    int length = switch (r.nextInt(4)) {
      case 0 -> 0;
      case 1 -> r.nextInt(8);
      case 2 -> 60 + r.nextInt(10); // the varint of the length crosses 1 → 2 bytes at 64
      default -> r.nextInt(300);
    };
    StringBuilder sb = new StringBuilder();
    boolean ascii = r.nextBoolean();
    for (int i = 0; i < length; i++) {
      sb.append(alphabet[r.nextInt(ascii ? 5 : alphabet.length)]);
    }
    return sb.toString();
  }

  private static byte[] randomBytes(java.util.Random r) {
    byte[] b = new byte[r.nextInt(4) == 0 ? 200 + r.nextInt(2_000) : r.nextInt(100)];
    r.nextBytes(b);
    return b;
  }

  private static GenericRecord toRecord(Envelope e) {
    org.apache.avro.Schema schema = EnvelopeCodec.schema();
    GenericRecord g = new GenericData.Record(schema);
    g.put("topic", e.topic());
    g.put("payload", java.nio.ByteBuffer.wrap(e.payload()));
    g.put("qos", e.qos());
    g.put("retain", e.retain());
    g.put("clientId", e.clientId());
    g.put("principal", e.principal());
    g.put("thingName", e.thingName());
    g.put("receivedAt", e.receivedAt());
    g.put("origin", e.origin().id());
    Mqtt5Properties p = e.properties();
    if (!p.isEmpty()) {
      org.apache.avro.Schema ps = schema.getField("properties").schema().getTypes().get(1);
      GenericRecord pr = new GenericData.Record(ps);
      pr.put("contentType", p.contentType());
      pr.put("payloadFormat", p.payloadFormat());
      pr.put("responseTopic", p.responseTopic());
      pr.put("correlationData", p.correlationData() == null ? null : java.nio.ByteBuffer.wrap(p.correlationData()));
      pr.put("messageExpirySeconds", p.messageExpirySeconds());
      org.apache.avro.Schema us = ps.getField("userProperties").schema().getElementType();
      List<GenericRecord> users = new java.util.ArrayList<>();
      for (UserProperty up : p.userProperties()) {
        GenericRecord u = new GenericData.Record(us);
        u.put("key", up.key());
        u.put("value", up.value());
        users.add(u);
      }
      pr.put("userProperties", users);
      g.put("properties", pr);
    }
    g.put("sourceNode", e.sourceNode());
    g.put("traceId", e.traceId());
    return g;
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
