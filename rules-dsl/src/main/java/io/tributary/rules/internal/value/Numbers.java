package io.tributary.rules.internal.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/** Number helpers shared by conversions, operators and functions. */
public final class Numbers {

  /** The 34-digit decimal context of the language reference. */
  public static final MathContext CONTEXT = MathContext.DECIMAL128;

  /** A String that converts to a number: {@code ^-?\d+(\.\d+)?((?i)E-?\d+)?$}. */
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE]-?\\d+)?");

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private Numbers() {}

  /** Parses a String with the number regex, or returns null. */
  public static BigDecimal parse(String s) {
    if (s.isEmpty() || s.length() > 1100 || !NUMBER.matcher(s).matches()) {
      return null;
    }
    try {
      return new BigDecimal(s, CONTEXT);
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  /** A double-precision result: NaN and infinities are Undefined. */
  public static Value ofDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return UndefinedValue.INSTANCE;
    }
    return new DecimalValue(BigDecimal.valueOf(d));
  }

  /** An integer result: Int when it fits 64 bits, else a Decimal of scale 0. */
  public static Value ofInteger(BigInteger i) {
    return i.bitLength() < 64 ? IntValue.of(i.longValue()) : new DecimalValue(new BigDecimal(i));
  }

  /** An integer-valued decimal, converted to an Int value (rounding mode applied first). */
  public static Value toIntValue(BigDecimal d, RoundingMode mode) {
    return ofInteger(d.setScale(0, mode).toBigIntegerExact());
  }

  /** True when the decimal has no fractional part. */
  public static boolean isWhole(BigDecimal d) {
    return d.scale() <= 0 || d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
  }

  /**
   * The 2016-03-23 whole-number rule: a whole Decimal that fits 64 bits becomes an Int; any other
   * value is returned unchanged.
   */
  public static Value normalize(Value v) {
    if (v instanceof DecimalValue d && isWhole(d.value())
        && d.value().compareTo(LONG_MIN) >= 0 && d.value().compareTo(LONG_MAX) <= 0) {
      return IntValue.of(d.value().longValue());
    }
    return v;
  }

  /** Text of a decimal: plain notation for moderate magnitudes, scientific otherwise. */
  public static String format(BigDecimal d) {
    int adjusted = d.precision() - d.scale() - 1;
    if (adjusted >= -7 && adjusted < 21) {
      return d.toPlainString();
    }
    return d.toString();
  }

  /** Text of a decimal under the whole-number rule: whole values print without a fraction. */
  public static String formatWhole(BigDecimal d) {
    int adjusted = d.precision() - d.scale() - 1;
    if (isWhole(d) && adjusted < 21) {
      return d.toBigInteger().toString();
    }
    return format(d);
  }
}
