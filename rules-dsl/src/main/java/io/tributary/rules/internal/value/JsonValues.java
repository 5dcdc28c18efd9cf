package io.tributary.rules.internal.value;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON text to {@link Value} and back, with Jackson's streaming API (no intermediate tree).
 * Floating-point numbers are read as doubles, as AWS does: {@code 36.903999599999999} reads as
 * {@code 36.9039996}.
 */
public final class JsonValues {

  /** Doubles are read with Jackson's fast parser: correctly rounded, like Double.parseDouble. */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  private JsonValues() {}

  /**
   * Parses a whole document. Returns null when the bytes are not exactly one JSON value.
   *
   * @param wholeAsInt apply the 2016-03-23 rule: whole-number decimals become Ints
   */
  public static Value parse(byte[] bytes, boolean wholeAsInt) {
    if (bytes.length == 0) {
      return null;
    }
    try (JsonParser p = FACTORY.createParser(bytes)) {
      if (p.nextToken() == null) {
        return null;
      }
      Value v = read(p, wholeAsInt);
      return p.nextToken() == null ? v : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Value read(JsonParser p, boolean wholeAsInt) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        FieldMap fields = new FieldMap();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          fields.add(name, read(p, wholeAsInt));
        }
        return new ObjectValue(fields);
      }
      case START_ARRAY: {
        List<Value> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p, wholeAsInt));
        }
        return new ArrayValue(items);
      }
      case VALUE_STRING:
        return new StringValue(p.getText());
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? Numbers.ofInteger(p.getBigIntegerValue()) : IntValue.of(p.getLongValue());
      case VALUE_NUMBER_FLOAT:
        return floating(p, wholeAsInt);
      case VALUE_TRUE:
        return BoolValue.TRUE;
      case VALUE_FALSE:
        return BoolValue.FALSE;
      case VALUE_NULL:
        return NullValue.INSTANCE;
      default:
        throw new IOException("unexpected token " + t);
    }
  }

  private static Value floating(JsonParser p, boolean wholeAsInt) throws IOException {
    double d = p.getDoubleValue();
    if (DecimalValue.isFractional(d)) {
      return DecimalValue.ofDouble(d); // never whole: nothing to normalise
    }
    BigDecimal value = Double.isInfinite(d)
        ? new BigDecimal(p.getText(), Numbers.CONTEXT) : BigDecimal.valueOf(d);
    Value v = new DecimalValue(value);
    return wholeAsInt ? Numbers.normalize(v) : v;
  }

  /** Compact JSON text of a value; Undefined members are left out. */
  public static String toJson(Value v, boolean wholeAsInt) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(v, g, wholeAsInt);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Compact UTF-8 JSON bytes of a value; Undefined members are left out. */
  public static byte[] toJsonBytes(Value v, boolean wholeAsInt) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(v, g, wholeAsInt);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(Value v, JsonGenerator g, boolean wholeAsInt) throws IOException {
    if (v instanceof ObjectValue o && o.fields() instanceof FieldMap m) {
      g.writeStartObject();
      for (int i = 0, n = m.size(); i < n; i++) {
        Value item = m.valueAt(i);
        if (!item.isUndefined()) {
          g.writeFieldName(m.keyAt(i));
          write(item, g, wholeAsInt);
        }
      }
      g.writeEndObject();
    } else if (v instanceof ObjectValue o) {
      g.writeStartObject();
      for (Map.Entry<String, Value> e : o.fields().entrySet()) {
        if (!e.getValue().isUndefined()) {
          g.writeFieldName(e.getKey());
          write(e.getValue(), g, wholeAsInt);
        }
      }
      g.writeEndObject();
    } else if (v instanceof ArrayValue a) {
      g.writeStartArray();
      for (Value item : a.items()) {
        if (!item.isUndefined()) {
          write(item, g, wholeAsInt);
        }
      }
      g.writeEndArray();
    } else if (v instanceof StringValue s) {
      g.writeString(s.value());
    } else if (v instanceof IntValue i) {
      g.writeNumber(i.value());
    } else if (v instanceof DecimalValue d) {
      g.writeNumber(wholeAsInt ? Numbers.formatWhole(d.value()) : Numbers.format(d.value()));
    } else if (v instanceof BoolValue b) {
      g.writeBoolean(b.value());
    } else if (v instanceof BinaryValue b) {
      g.writeString(Conversions.toStr(b));
    } else {
      g.writeNull();
    }
  }
}
