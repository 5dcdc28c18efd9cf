package io.tributary.rules.internal.functions;

import io.tributary.rules.internal.value.ArrayValue;
import io.tributary.rules.internal.value.Conversions;
import io.tributary.rules.internal.value.StringValue;
import io.tributary.rules.internal.value.UndefinedValue;
import io.tributary.rules.internal.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code concat(...)}: no argument is Undefined, one is returned unchanged; with an Array among
 * the arguments the result is one array (arrays spliced in, other values appended); otherwise the
 * String conversions of all arguments joined. Any Undefined argument makes the result Undefined.
 */
final class Concat {

  private Concat() {}

  static Value apply(Value[] args) {
    if (args.length == 0) {
      return UndefinedValue.INSTANCE;
    }
    if (args.length == 1) {
      return args[0];
    }
    boolean anyArray = false;
    for (Value v : args) {
      if (v.isUndefined()) {
        return UndefinedValue.INSTANCE;
      }
      anyArray |= v instanceof ArrayValue;
    }
    return anyArray ? arrays(args) : strings(args);
  }

  private static Value arrays(Value[] args) {
    List<Value> out = new ArrayList<>();
    for (Value v : args) {
      if (v instanceof ArrayValue a) {
        out.addAll(a.items());
      } else {
        out.add(v);
      }
    }
    return new ArrayValue(out);
  }

  private static Value strings(Value[] args) {
    StringBuilder sb = new StringBuilder();
    for (Value v : args) {
      String s = Conversions.toStr(v);
      if (s == null) {
        return UndefinedValue.INSTANCE;
      }
      sb.append(s);
    }
    return new StringValue(sb.toString());
  }
}
