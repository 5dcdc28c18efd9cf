package io.tributary.rules.internal.eval;

import io.tributary.rules.internal.ast.BinaryOp;
import io.tributary.rules.internal.value.BoolValue;
import io.tributary.rules.internal.value.Conversions;
import io.tributary.rules.internal.value.Equality;
import io.tributary.rules.internal.value.IntValue;
import io.tributary.rules.internal.value.Numbers;
import io.tributary.rules.internal.value.UndefinedValue;
import io.tributary.rules.internal.value.Value;
import java.math.BigDecimal;

/**
 * {@code = <> < <= > >=}. Ordering compares numbers and numeric Strings numerically (there is no
 * string ordering) and is Undefined for anything else; equality follows {@link Equality}.
 */
public final class Comparison {

  private Comparison() {}

  public static Value apply(BinaryOp op, Value a, Value b) {
    switch (op) {
      case EQ:
        return Equality.equalsOp(a, b);
      case NE: {
        Value eq = Equality.equalsOp(a, b);
        return eq instanceof BoolValue bv ? BoolValue.of(!bv.value()) : eq;
      }
      default:
        return order(op, a, b);
    }
  }

  private static Value order(BinaryOp op, Value a, Value b) {
    int c;
    if (a instanceof IntValue x && b instanceof IntValue y) {
      c = Long.compare(x.value(), y.value());
    } else if ((c = Numbers.compareExactly(a, b)) != Numbers.UNDECIDED) {
      // decided on doubles
    } else {
      BigDecimal x = Conversions.toDecimal(a);
      BigDecimal y = Conversions.toDecimal(b);
      if (x == null || y == null) {
        return UndefinedValue.INSTANCE;
      }
      c = x.compareTo(y);
    }
    return BoolValue.of(switch (op) {
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
      default -> throw new IllegalArgumentException(op.name());
    });
  }
}
