package io.tributary.core.envelope;

import io.tributary.core.envelope.Mqtt5Properties.UserProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Encodes envelopes as Avro single-object encoding: {@code C3 01}, the little-endian CRC-64-AVRO
 * fingerprint of {@code envelope-v1.avsc}, then the binary body. Any Avro reader holding the schema
 * (for example {@code BinaryMessageDecoder} with a {@code SchemaStore}) can read the records; this
 * class writes and reads the fields directly, in schema order, without building generic records.
 * Thread-safe.
 */
public final class EnvelopeCodec {
  /** Classpath location of the current schema. */
  public static final String SCHEMA_RESOURCE = "/avro/envelope-v1.avsc";

  private static final byte MAGIC_0 = (byte) 0xC3;
  private static final byte MAGIC_1 = (byte) 0x01;
  private static final int HEADER = 10;

  private static final Schema SCHEMA = loadSchema();
  private static final long FINGERPRINT = SchemaNormalization.parsingFingerprint64(SCHEMA);

  private EnvelopeCodec() {}

  public static Schema schema() {
    return SCHEMA;
  }

  public static long fingerprint() {
    return FINGERPRINT;
  }

  public static byte[] encode(Envelope e) {
    // One reused buffer per thread; the fields are written straight into it with Avro's binary
    // encoding (zig-zag varints, length-prefixed UTF-8), the same bytes Avro's own encoder writes
    // (EnvelopeCodecTest compares the two on random envelopes) without its per-string copies.
    Output out = SCRATCH.get();
    out.reset();
    out.write(MAGIC_0);
    out.write(MAGIC_1);
    out.write(FINGERPRINT_BYTES, 0, 8);
    out.writeString(e.topic());
    out.writeBytes(e.payload());
    out.writeLong(e.qos());
    out.write(e.retain() ? 1 : 0);
    out.writeString(e.clientId());
    out.writeOptionalString(e.principal());
    out.writeOptionalString(e.thingName());
    out.writeLong(e.receivedAt());
    out.writeString(e.origin().id());
    Mqtt5Properties p = e.properties();
    if (p.isEmpty()) {
      out.writeLong(0);
    } else {
      out.writeLong(1);
      out.writeOptionalString(p.contentType());
      if (p.payloadFormat() == null) {
        out.writeLong(0);
      } else {
        out.writeLong(1);
        out.writeLong(p.payloadFormat());
      }
      out.writeOptionalString(p.responseTopic());
      if (p.correlationData() == null) {
        out.writeLong(0);
      } else {
        out.writeLong(1);
        out.writeBytes(p.correlationData());
      }
      if (p.messageExpirySeconds() == null) {
        out.writeLong(0);
      } else {
        out.writeLong(1);
        out.writeLong(p.messageExpirySeconds());
      }
      List<UserProperty> users = p.userProperties();
      if (!users.isEmpty()) {
        out.writeLong(users.size()); // one block of items, then the zero-length end block
        for (UserProperty up : users) {
          out.writeString(up.key());
          out.writeString(up.value());
        }
      }
      out.writeLong(0);
    }
    out.writeString(e.sourceNode());
    out.writeString(e.traceId());
    return out.toByteArrayAndTrim();
  }

  private static final byte[] FINGERPRINT_BYTES =
      ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(FINGERPRINT).array();
  private static final ThreadLocal<Output> SCRATCH = ThreadLocal.withInitial(Output::new);

  /**
   * An unsynchronized growable byte buffer that writes Avro's binary encoding of primitives;
   * shrinks back after an unusually large envelope.
   */
  private static final class Output {
    private static final int INITIAL = 512;
    private static final int KEEP = 256 * 1024;
    private byte[] buf = new byte[INITIAL];
    private int size;

    void reset() {
      size = 0;
    }

    void write(int b) {
      ensure(1);
      buf[size++] = (byte) b;
    }

    void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }

    /** Avro {@code int} and {@code long} (and union indexes, block counts): a zig-zag varint. */
    void writeLong(long value) {
      ensure(10);
      long n = (value << 1) ^ (value >> 63);
      while ((n & ~0x7FL) != 0) {
        buf[size++] = (byte) ((n & 0x7F) | 0x80);
        n >>>= 7;
      }
      buf[size++] = (byte) n;
    }

    void writeBytes(byte[] bytes) {
      writeLong(bytes.length);
      write(bytes, 0, bytes.length);
    }

    /** Avro {@code string}: the UTF-8 length, then the bytes; ASCII is copied without an intermediate array. */
    void writeString(String s) {
      int n = s.length();
      ensure(n + 5);
      int start = size;
      int pos = start + varintSize(n);
      for (int i = 0; i < n; i++) {
        char ch = s.charAt(i);
        if (ch >= 0x80) {
          writeBytes(s.getBytes(StandardCharsets.UTF_8));
          return;
        }
        buf[pos + i] = (byte) ch;
      }
      writeLong(n); // the varint's length was reserved above: the same number of bytes
      size = pos + n;
    }

    void writeOptionalString(String value) {
      if (value == null) {
        writeLong(0);
      } else {
        writeLong(1);
        writeString(value);
      }
    }

    /** Bytes of the zig-zag varint of a non-negative {@code n}. */
    private static int varintSize(int n) {
      long z = (long) n << 1;
      int bytes = 1;
      while ((z & ~0x7FL) != 0) {
        bytes++;
        z >>>= 7;
      }
      return bytes;
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }

    byte[] toByteArrayAndTrim() {
      byte[] copy = Arrays.copyOf(buf, size);
      if (buf.length > KEEP) {
        buf = new byte[INITIAL];
      }
      return copy;
    }
  }

  /**
   * Decodes bytes written by {@link #encode}.
   *
   * @throws EnvelopeFormatException when the bytes are not a version-1 envelope
   */
  public static Envelope decode(byte[] bytes) {
    checkHeader(bytes);
    BinaryDecoder dec = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null);
    try {
      String topic = dec.readString();
      byte[] payload = readBytes(dec);
      int qos = dec.readInt();
      boolean retain = dec.readBoolean();
      String clientId = dec.readString();
      String principal = readOptionalString(dec);
      String thingName = readOptionalString(dec);
      long receivedAt = dec.readLong();
      Envelope.Origin origin = Envelope.Origin.of(dec.readString());
      Mqtt5Properties props = Mqtt5Properties.NONE;
      if (dec.readIndex() == 1) {
        String contentType = readOptionalString(dec);
        Integer payloadFormat = dec.readIndex() == 1 ? dec.readInt() : null;
        String responseTopic = readOptionalString(dec);
        byte[] correlation = dec.readIndex() == 1 ? readBytes(dec) : null;
        Long expiry = dec.readIndex() == 1 ? dec.readLong() : null;
        List<UserProperty> users = new ArrayList<>();
        for (long n = dec.readArrayStart(); n != 0; n = dec.arrayNext()) {
          for (long i = 0; i < n; i++) {
            users.add(new UserProperty(dec.readString(), dec.readString()));
          }
        }
        props = new Mqtt5Properties(contentType, payloadFormat, responseTopic, correlation, expiry, users);
      }
      String sourceNode = dec.readString();
      String traceId = dec.readString();
      return new Envelope(topic, payload, qos, retain, clientId, principal, thingName, receivedAt, origin,
          props, sourceNode, traceId);
    } catch (IOException | RuntimeException ex) {
      throw new EnvelopeFormatException("corrupt envelope: " + ex.getMessage());
    }
  }

  /**
   * The MQTT topic of an encoded envelope, read without decoding the rest (it is the first field):
   * consumers that want only some topics skip the others at the cost of one string.
   *
   * @throws EnvelopeFormatException when the bytes are not a version-1 envelope
   */
  public static String topic(byte[] bytes) {
    checkHeader(bytes);
    int pos = HEADER;
    long raw = 0;
    int shift = 0;
    while (true) {
      if (pos >= bytes.length || shift > 28) {
        throw new EnvelopeFormatException("corrupt envelope: bad topic length");
      }
      byte b = bytes[pos++];
      raw |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    long length = (raw >>> 1) ^ -(raw & 1); // Avro's zig-zag encoding
    if (length < 0 || pos + length > bytes.length) {
      throw new EnvelopeFormatException("corrupt envelope: bad topic length");
    }
    return new String(bytes, pos, (int) length, StandardCharsets.UTF_8);
  }

  private static void checkHeader(byte[] bytes) {
    if (bytes == null || bytes.length < HEADER || bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
      throw new EnvelopeFormatException("not an Avro single-object encoded envelope");
    }
    long fp = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (fp != FINGERPRINT) {
      throw new EnvelopeFormatException("unknown envelope schema fingerprint " + Long.toHexString(fp));
    }
  }

  private static String readOptionalString(BinaryDecoder dec) throws IOException {
    return dec.readIndex() == 1 ? dec.readString() : null;
  }

  private static byte[] readBytes(BinaryDecoder dec) throws IOException {
    ByteBuffer buf = dec.readBytes(null);
    byte[] out = new byte[buf.remaining()];
    buf.get(out);
    return out;
  }

  private static Schema loadSchema() {
    try (InputStream in = EnvelopeCodec.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " missing from the classpath");
      }
      return new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
