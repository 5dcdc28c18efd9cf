package io.tributary.rules.internal.eval;

import io.tributary.rules.internal.value.BoolValue;
import io.tributary.rules.internal.value.Conversions;
import io.tributary.rules.internal.value.UndefinedValue;
import io.tributary.rules.internal.value.Value;

/**
 * AND, OR, NOT over Booleans and the Strings "true"/"false" (any case). Any other operand makes
 * the result Undefined; both sides are always evaluated (no short-circuit), as the reference
 * recommends.
 */
public final class Logic {

  private Logic() {}

  public static Value and(Value a, Value b) {
    Boolean x = Conversions.toBool(a);
    Boolean y = Conversions.toBool(b);
    return x == null || y == null ? UndefinedValue.INSTANCE : BoolValue.of(x && y);
  }

  public static Value or(Value a, Value b) {
    Boolean x = Conversions.toBool(a);
    Boolean y = Conversions.toBool(b);
    return x == null || y == null ? UndefinedValue.INSTANCE : BoolValue.of(x || y);
  }

  public static Value not(Value a) {
    Boolean x = Conversions.toBool(a);
    return x == null ? UndefinedValue.INSTANCE : BoolValue.of(!x);
  }
}
