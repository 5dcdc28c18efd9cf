package io.tributary.rules.internal.value;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** {@code cast(value AS type)}: the implicit conversions plus numbers to and from Booleans. */
public final class Casts {

  private Casts() {}

  public static Value cast(Value v, CastType type) {
    return switch (type) {
      case STRING -> toStringValue(v);
      case INT -> toInt(v);
      case DECIMAL -> toDecimal(v);
      case DOUBLE -> toDouble(v);
      case BOOLEAN -> toBoolean(v);
    };
  }

  private static Value toStringValue(Value v) {
    String s = Conversions.toStr(v);
    return s == null ? UndefinedValue.INSTANCE : new StringValue(s);
  }

  private static Value toInt(Value v) {
    if (v instanceof BoolValue b) {
      return IntValue.of(b.value() ? 1 : 0);
    }
    if (v instanceof IntValue) {
      return v;
    }
    BigDecimal d = Conversions.toDecimal(v);
    return d == null ? UndefinedValue.INSTANCE : Numbers.toIntValue(d, RoundingMode.FLOOR);
  }

  private static Value toDecimal(Value v) {
    if (v instanceof BoolValue b) {
      return new DecimalValue(b.value() ? new BigDecimal("1.0") : new BigDecimal("0.0"));
    }
    BigDecimal d = Conversions.toDecimal(v);
    return d == null ? UndefinedValue.INSTANCE : new DecimalValue(d);
  }

  private static Value toDouble(Value v) {
    if (v instanceof BoolValue b) {
      return new DecimalValue(b.value() ? new BigDecimal("1.0") : new BigDecimal("0.0"));
    }
    BigDecimal d = Conversions.toDecimal(v);
    return d == null ? UndefinedValue.INSTANCE : Numbers.ofDouble(d.doubleValue());
  }

  private static Value toBoolean(Value v) {
    if (v instanceof IntValue i) {
      return BoolValue.of(i.value() != 0);
    }
    if (v instanceof DecimalValue d) {
      return BoolValue.of(d.value().signum() != 0);
    }
    Boolean b = Conversions.toBool(v);
    return b == null ? UndefinedValue.INSTANCE : BoolValue.of(b);
  }
}
