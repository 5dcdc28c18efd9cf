package io.tributary.core.envelope;

import io.tributary.core.envelope.Mqtt5Properties.UserProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

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
    // One buffer and one buffered encoder per thread: the encoder writes into its own buffer, not
    // byte by byte into a (synchronized) ByteArrayOutputStream.
    Scratch scratch = SCRATCH.get();
    Output out = scratch.out;
    out.reset();
    out.write(MAGIC_0);
    out.write(MAGIC_1);
    out.write(FINGERPRINT_BYTES, 0, 8);
    BinaryEncoder enc = scratch.encoder = EncoderFactory.get().binaryEncoder(out, scratch.encoder);
    try {
      enc.writeString(e.topic());
      enc.writeBytes(e.payload());
      enc.writeInt(e.qos());
      enc.writeBoolean(e.retain());
      enc.writeString(e.clientId());
      writeOptionalString(enc, e.principal());
      writeOptionalString(enc, e.thingName());
      enc.writeLong(e.receivedAt());
      enc.writeString(e.origin().id());
      Mqtt5Properties p = e.properties();
      if (p.isEmpty()) {
        enc.writeIndex(0);
      } else {
        enc.writeIndex(1);
        writeOptionalString(enc, p.contentType());
        if (p.payloadFormat() == null) {
          enc.writeIndex(0);
        } else {
          enc.writeIndex(1);
          enc.writeInt(p.payloadFormat());
        }
        writeOptionalString(enc, p.responseTopic());
        if (p.correlationData() == null) {
          enc.writeIndex(0);
        } else {
          enc.writeIndex(1);
          enc.writeBytes(p.correlationData());
        }
        if (p.messageExpirySeconds() == null) {
          enc.writeIndex(0);
        } else {
          enc.writeIndex(1);
          enc.writeLong(p.messageExpirySeconds());
        }
        enc.writeArrayStart();
        enc.setItemCount(p.userProperties().size());
        for (UserProperty up : p.userProperties()) {
          enc.startItem();
          enc.writeString(up.key());
          enc.writeString(up.value());
        }
        enc.writeArrayEnd();
      }
      enc.writeString(e.sourceNode());
      enc.writeString(e.traceId());
      enc.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toByteArrayAndTrim();
  }

  private static final byte[] FINGERPRINT_BYTES =
      ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(FINGERPRINT).array();
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** A thread's reusable encoding buffer and encoder. */
  private static final class Scratch {
    final Output out = new Output();
    BinaryEncoder encoder;
  }

  /** An unsynchronized growable byte buffer; shrinks back after an unusually large envelope. */
  private static final class Output extends OutputStream {
    private static final int INITIAL = 512;
    private static final int KEEP = 256 * 1024;
    private byte[] buf = new byte[INITIAL];
    private int size;

    void reset() {
      size = 0;
    }

    @Override
    public void write(int b) {
      ensure(1);
      buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, size, len);
      size += len;
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

  private static void writeOptionalString(BinaryEncoder enc, String value) throws IOException {
    if (value == null) {
      enc.writeIndex(0);
    } else {
      enc.writeIndex(1);
      enc.writeString(value);
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
