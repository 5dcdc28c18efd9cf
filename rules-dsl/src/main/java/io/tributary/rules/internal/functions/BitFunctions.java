package io.tributary.rules.internal.functions;

import static io.tributary.rules.internal.functions.Args.UNDEFINED;
import static io.tributary.rules.internal.functions.FunctionTable.add;

import io.tributary.rules.internal.value.Conversions;
import io.tributary.rules.internal.value.IntValue;
import io.tributary.rules.internal.value.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.LongBinaryOperator;

/** bitand, bitor, bitxor, bitnot on 64-bit two's-complement Ints; Decimals are rounded down. */
final class BitFunctions {

  private BitFunctions() {}

  static void register() {
    add("bitand", 2, (f, a) -> bits(a, (x, y) -> x & y));
    add("bitor", 2, (f, a) -> bits(a, (x, y) -> x | y));
    add("bitxor", 2, (f, a) -> bits(a, (x, y) -> x ^ y));
    add("bitnot", 1, (f, a) -> {
      Long x = toLong(a[0]);
      return x == null ? UNDEFINED : IntValue.of(~x);
    });
  }

  private static Value bits(Value[] a, LongBinaryOperator op) {
    Long x = toLong(a[0]);
    Long y = toLong(a[1]);
    return x == null || y == null ? UNDEFINED : IntValue.of(op.applyAsLong(x, y));
  }

  private static Long toLong(Value v) {
    if (v instanceof IntValue i) {
      return i.value();
    }
    BigDecimal d = Conversions.toDecimal(v);
    if (d == null) {
      return null;
    }
    try {
      return d.setScale(0, RoundingMode.FLOOR).longValueExact();
    } catch (ArithmeticException tooLarge) {
      return null;
    }
  }
}
