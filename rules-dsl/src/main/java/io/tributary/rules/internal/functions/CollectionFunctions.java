package io.tributary.rules.internal.functions;

import static io.tributary.rules.internal.functions.Args.UNDEFINED;
import static io.tributary.rules.internal.functions.FunctionTable.add;
import static io.tributary.rules.internal.functions.FunctionTable.add2016;

import io.tributary.rules.internal.value.ArrayValue;
import io.tributary.rules.internal.value.BoolValue;
import io.tributary.rules.internal.value.Conversions;
import io.tributary.rules.internal.value.IntValue;
import io.tributary.rules.internal.value.NullValue;
import io.tributary.rules.internal.value.FieldMap;
import io.tributary.rules.internal.value.ObjectValue;
import io.tributary.rules.internal.value.StringValue;
import io.tributary.rules.internal.value.Value;
import java.util.ArrayList;
import java.util.List;

/** isNull, isUndefined, get, get_or_default and transform('enrichArray', ...). */
final class CollectionFunctions {

  private CollectionFunctions() {}

  static void register() {
    add("isnull", 1, (f, a) -> BoolValue.of(a[0] == NullValue.INSTANCE));
    add2016("isundefined", 1, (f, a) -> BoolValue.of(a[0].isUndefined()));
    add("get", 2, (f, a) -> get(a[0], a[1]));
    add("get_or_default", 2, (f, a) -> Args.absent(a[0]) ? a[1] : a[0]);
    add2016("transform", 3, (f, a) -> transform(a[0], a[1], a[2]));
  }

  private static Value get(Value coll, Value key) {
    if (coll instanceof ObjectValue o) {
      return key instanceof StringValue s ? o.get(s.value()) : UNDEFINED;
    }
    Value index = Conversions.toInt(key);
    if (!(index instanceof IntValue i) || i.value() < 0 || i.value() > Integer.MAX_VALUE) {
      return UNDEFINED;
    }
    int n = (int) i.value();
    if (coll instanceof ArrayValue a) {
      return a.get(n);
    }
    if (coll instanceof StringValue s) {
      int len = s.value().codePointCount(0, s.value().length());
      if (n >= len) {
        return UNDEFINED;
      }
      int at = s.value().offsetByCodePoints(0, n);
      return new StringValue(new String(Character.toChars(s.value().codePointAt(at))));
    }
    return UNDEFINED;
  }

  /**
   * Returns {@code arr} with the attributes of {@code obj} merged into each Object element (the
   * element's keys first; on a collision {@code obj}'s value wins). Non-object elements pass
   * through. A one-element array is accepted as {@code obj}, so a nested SELECT can supply it.
   */
  private static Value transform(Value mode, Value obj, Value arr) {
    if (!(mode instanceof StringValue m) || !m.value().equals("enrichArray")) {
      return UNDEFINED;
    }
    if (obj instanceof ArrayValue single && single.size() == 1) {
      obj = single.get(0);
    }
    if (!(obj instanceof ObjectValue attributes) || !(arr instanceof ArrayValue items)) {
      return UNDEFINED;
    }
    List<Value> out = new ArrayList<>(items.size());
    for (Value item : items.items()) {
      if (item instanceof ObjectValue element) {
        FieldMap merged = FieldMap.copyOf(element.fields());
        merged.addAll(attributes.fields());
        out.add(new ObjectValue(merged));
      } else {
        out.add(item);
      }
    }
    return new ArrayValue(out);
  }
}
