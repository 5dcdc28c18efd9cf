package io.tributary.rules.internal.functions;

import io.tributary.rules.internal.value.Conversions;
import io.tributary.rules.internal.value.NullValue;
import io.tributary.rules.internal.value.Numbers;
import io.tributary.rules.internal.value.StringValue;
import io.tributary.rules.internal.value.UndefinedValue;
import io.tributary.rules.internal.value.Value;
import java.math.BigDecimal;
import java.util.function.DoubleUnaryOperator;

/** Small helpers shared by the function bodies. */
final class Args {

  static final Value UNDEFINED = UndefinedValue.INSTANCE;

  private Args() {}

  static boolean absent(Value v) {
    return v == UndefinedValue.INSTANCE || v == NullValue.INSTANCE;
  }

  static Value str(String s) {
    return s == null ? UNDEFINED : new StringValue(s);
  }

  /** A double-precision function of one numeric argument. */
  static Fn dbl(DoubleUnaryOperator op) {
    return (f, a) -> {
      BigDecimal d = Conversions.toDecimal(a[0]);
      return d == null ? UNDEFINED : Numbers.ofDouble(op.applyAsDouble(d.doubleValue()));
    };
  }

  /** A function of the string conversion of its single argument. */
  static Fn onString(java.util.function.Function<String, Value> body) {
    return (f, a) -> {
      String s = Conversions.toStr(a[0]);
      return s == null ? UNDEFINED : body.apply(s);
    };
  }

  /** Index of the code point {@code cp} in {@code s} as a UTF-16 index, clamped to [0, len]. */
  static int charIndex(String s, int codePoints) {
    int n = s.codePointCount(0, s.length());
    int clamped = Math.max(0, Math.min(codePoints, n));
    return s.offsetByCodePoints(0, clamped);
  }
}
