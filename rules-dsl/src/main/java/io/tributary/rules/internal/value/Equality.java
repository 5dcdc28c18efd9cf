package io.tributary.rules.internal.value;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The {@code =} operator's notion of equality (table "Equality" of the reference). */
public final class Equality {

  private Equality() {}

  /**
   * {@code a = b}: Boolean true or false, or Undefined when either side is Undefined. Mismatched
   * types are not equal; Strings are never converted to numbers.
   */
  public static Value equalsOp(Value a, Value b) {
    if (a.isUndefined() || b.isUndefined()) {
      return UndefinedValue.INSTANCE;
    }
    return BoolValue.of(same(a, b));
  }

  /** Deep equality of two defined values under the {@code =} rules. */
  public static boolean same(Value a, Value b) {
    if (a instanceof IntValue x && b instanceof IntValue y) {
      return x.value() == y.value();
    }
    if (isNumber(a) && isNumber(b)) {
      int c = Numbers.compareExactly(a, b);
      return c == Numbers.UNDECIDED ? decimal(a).compareTo(decimal(b)) == 0 : c == 0;
    }
    if (a instanceof StringValue x && b instanceof StringValue y) {
      return x.value().equals(y.value());
    }
    if (a instanceof BoolValue || a instanceof NullValue) {
      return a == b;
    }
    if (a instanceof ArrayValue x && b instanceof ArrayValue y) {
      return sameItems(x.items(), y.items());
    }
    if (a instanceof ObjectValue x && b instanceof ObjectValue y) {
      return sameFields(x.fields(), y.fields());
    }
    if (a instanceof BinaryValue x && b instanceof BinaryValue y) {
      return java.util.Arrays.equals(x.bytes(), y.bytes());
    }
    return false;
  }

  private static boolean sameItems(List<Value> x, List<Value> y) {
    if (x.size() != y.size()) {
      return false;
    }
    for (int i = 0; i < x.size(); i++) {
      if (!same(x.get(i), y.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameFields(Map<String, Value> x, Map<String, Value> y) {
    if (x.size() != y.size()) {
      return false;
    }
    for (Map.Entry<String, Value> e : x.entrySet()) {
      Value other = y.get(e.getKey());
      if (other == null || !same(e.getValue(), other)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNumber(Value v) {
    return v instanceof IntValue || v instanceof DecimalValue;
  }

  private static BigDecimal decimal(Value v) {
    return v instanceof IntValue i ? BigDecimal.valueOf(i.value()) : ((DecimalValue) v).value();
  }
}
