package io.tributary.rules.internal.value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The implicit conversions of the language reference (table "Implicit conversions"). Each method
 * returns null where the reference says the result is Undefined.
 */
public final class Conversions {

  private Conversions() {}

  /** Int, Decimal or a String that matches the number regex, as a decimal; else null. */
  public static BigDecimal toDecimal(Value v) {
    if (v instanceof IntValue i) {
      return BigDecimal.valueOf(i.value());
    }
    if (v instanceof DecimalValue d) {
      return d.value();
    }
    if (v instanceof StringValue s) {
      return Numbers.parse(s.value());
    }
    return null;
  }

  /**
   * Implicit conversion to Int: a Decimal rounds to the nearest (half away from zero), a String
   * is parsed as a Decimal then truncated. Returns an {@link IntValue} or a whole {@link
   * DecimalValue} for values beyond 64 bits, or null.
   */
  public static Value toInt(Value v) {
    if (v instanceof IntValue) {
      return v;
    }
    if (v instanceof DecimalValue d) {
      return Numbers.toIntValue(d.value(), RoundingMode.HALF_UP);
    }
    if (v instanceof StringValue s) {
      BigDecimal d = Numbers.parse(s.value());
      return d == null ? null : Numbers.toIntValue(d, RoundingMode.DOWN);
    }
    return null;
  }

  /** A Java int from {@link #toInt}, clamped to the int range; null when not convertible. */
  public static Integer toJavaInt(Value v, RoundingMode decimalMode) {
    if (v instanceof IntValue i) {
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, i.value()));
    }
    BigDecimal d = toDecimal(v);
    if (d == null) {
      return null;
    }
    BigDecimal r = d.setScale(0, decimalMode);
    if (r.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      return Integer.MAX_VALUE;
    }
    if (r.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
      return Integer.MIN_VALUE;
    }
    return r.intValue();
  }

  /** Boolean, or a String "true"/"false" in any case; else null. */
  public static Boolean toBool(Value v) {
    if (v instanceof BoolValue b) {
      return b.value();
    }
    if (v instanceof StringValue s) {
      if (s.value().equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (s.value().equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
    }
    return null;
  }

  /** String conversion; Null and Undefined give null. Binary bytes are read as UTF-8. */
  public static String toStr(Value v) {
    if (v instanceof StringValue s) {
      return s.value();
    }
    if (v instanceof IntValue i) {
      return Long.toString(i.value());
    }
    if (v instanceof DecimalValue d) {
      return Numbers.format(d.value());
    }
    if (v instanceof BoolValue b) {
      return b.value() ? "true" : "false";
    }
    if (v instanceof ArrayValue || v instanceof ObjectValue) {
      return JsonValues.toJson(v, false);
    }
    if (v instanceof BinaryValue b) {
      return new String(b.bytes(), StandardCharsets.UTF_8);
    }
    return null;
  }
}
