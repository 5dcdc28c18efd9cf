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
    return DecimalValue.ofDouble(d);
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
    int scale = d.scale();
    if (scale <= 0 || d.signum() == 0) {
      return true;
    }
    // Whole at scale s > 0 means the unscaled value is a multiple of 10^s, hence of 2^s: most
    // fractions fail that bit test, without the divisions of stripTrailingZeros.
    if (d.unscaledValue().getLowestSetBit() < scale) {
      return false;
    }
    return d.stripTrailingZeros().scale() <= 0;
  }

  /**
   * The 2016-03-23 whole-number rule: a whole Decimal that fits 64 bits becomes an Int; any other
   * value is returned unchanged.
   */
  public static Value normalize(Value v) {
    if (v instanceof DecimalValue d && !d.isFractionalDouble() && isWhole(d.value())
        && d.value().compareTo(LONG_MIN) >= 0 && d.value().compareTo(LONG_MAX) <= 0) {
      return IntValue.of(d.value().longValue());
    }
    return v;
  }

  /** Returned by {@link #compareExactly} when it cannot decide without decimals. */
  public static final int UNDECIDED = 2;

  /** 2^53: every long of at most this magnitude is exactly a double. */
  private static final long EXACT_DOUBLE_INT = 1L << 53;

  /**
   * Orders two numbers without decimal arithmetic when that is exact: each side is a fractional
   * double Decimal or an Int of magnitude up to 2^53 (see {@link DecimalValue#isFractionalDouble}).
   * Returns -1, 0 or 1, or {@link #UNDECIDED} when either side is something else.
   */
  public static int compareExactly(Value a, Value b) {
    double x;
    double y;
    if (a instanceof DecimalValue d && d.isFractionalDouble()) {
      x = d.doubleValue();
    } else if (a instanceof IntValue i && exactDouble(i.value())) {
      x = i.value();
    } else {
      return UNDECIDED;
    }
    if (b instanceof DecimalValue d && d.isFractionalDouble()) {
      y = d.doubleValue();
    } else if (b instanceof IntValue i && exactDouble(i.value())) {
      y = i.value();
    } else {
      return UNDECIDED;
    }
    return x < y ? -1 : x > y ? 1 : 0;
  }

  private static boolean exactDouble(long v) {
    return v >= -EXACT_DOUBLE_INT && v <= EXACT_DOUBLE_INT;
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
