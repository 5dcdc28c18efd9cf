package io.tributary.rules.internal.eval;

import io.tributary.rules.internal.ast.BinaryOp;
import io.tributary.rules.internal.value.Conversions;
import io.tributary.rules.internal.value.DecimalValue;
import io.tributary.rules.internal.value.IntValue;
import io.tributary.rules.internal.value.Numbers;
import io.tributary.rules.internal.value.StringValue;
import io.tributary.rules.internal.value.UndefinedValue;
import io.tributary.rules.internal.value.Value;
import java.math.BigDecimal;

/**
 * {@code + - * / %} and unary minus, with the reference's per-type rules: {@code +} concatenates
 * when either side is a String; Int op Int is Int; any Decimal makes a Decimal; numeric Strings
 * take part in {@code - * / %} as Decimals; everything else is Undefined. Division and modulo by
 * zero are Undefined; Int division truncates toward zero.
 */
public final class Arithmetic {

  private Arithmetic() {}

  public static Value apply(BinaryOp op, Value a, Value b) {
    if (op == BinaryOp.ADD && (a instanceof StringValue || b instanceof StringValue)) {
      return concat(a, b);
    }
    if (a instanceof IntValue x && b instanceof IntValue y) {
      return ints(op, x.value(), y.value());
    }
    BigDecimal x = Conversions.toDecimal(a);
    BigDecimal y = Conversions.toDecimal(b);
    if (x == null || y == null) {
      return UndefinedValue.INSTANCE;
    }
    return decimals(op, x, y);
  }

  public static Value negate(Value v) {
    if (v instanceof IntValue i) {
      return i.value() == Long.MIN_VALUE
          ? new DecimalValue(BigDecimal.valueOf(i.value()).negate()) : IntValue.of(-i.value());
    }
    BigDecimal d = Conversions.toDecimal(v);
    return d == null ? UndefinedValue.INSTANCE : new DecimalValue(d.negate());
  }

  private static Value concat(Value a, Value b) {
    String x = Conversions.toStr(a);
    String y = Conversions.toStr(b);
    return x == null || y == null ? UndefinedValue.INSTANCE : new StringValue(x.concat(y));
  }

  private static Value ints(BinaryOp op, long x, long y) {
    try {
      return switch (op) {
        case ADD -> IntValue.of(Math.addExact(x, y));
        case SUB -> IntValue.of(Math.subtractExact(x, y));
        case MUL -> IntValue.of(Math.multiplyExact(x, y));
        case DIV -> y == 0 ? UndefinedValue.INSTANCE
            : x == Long.MIN_VALUE && y == -1 ? decimals(op, BigDecimal.valueOf(x), BigDecimal.valueOf(y))
            : IntValue.of(x / y);
        case MOD -> y == 0 ? UndefinedValue.INSTANCE : IntValue.of(y == -1 ? 0 : x % y);
        default -> throw new IllegalArgumentException(op.name());
      };
    } catch (ArithmeticException overflow) {
      return decimals(op, BigDecimal.valueOf(x), BigDecimal.valueOf(y));
    }
  }

  private static Value decimals(BinaryOp op, BigDecimal x, BigDecimal y) {
    try {
      BigDecimal r = switch (op) {
        case ADD -> x.add(y, Numbers.CONTEXT);
        case SUB -> x.subtract(y, Numbers.CONTEXT);
        case MUL -> x.multiply(y, Numbers.CONTEXT);
        case DIV -> y.signum() == 0 ? null : x.divide(y, Numbers.CONTEXT);
        case MOD -> y.signum() == 0 ? null : x.remainder(y, Numbers.CONTEXT);
        default -> throw new IllegalArgumentException(op.name());
      };
      return r == null ? UndefinedValue.INSTANCE : new DecimalValue(r);
    } catch (ArithmeticException e) {
      return UndefinedValue.INSTANCE;
    }
  }
}
