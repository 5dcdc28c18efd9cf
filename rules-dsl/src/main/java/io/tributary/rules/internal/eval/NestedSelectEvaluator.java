package io.tributary.rules.internal.eval;

import io.tributary.rules.internal.value.ArrayValue;
import io.tributary.rules.internal.value.BinaryValue;
import io.tributary.rules.internal.value.BoolValue;
import io.tributary.rules.internal.value.ObjectValue;
import io.tributary.rules.internal.value.UndefinedValue;
import io.tributary.rules.internal.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code (SELECT ... FROM source [WHERE filter])}: evaluates the SELECT once per element of an
 * Array source, or once for an Object (or {@code FROM *}) source, and returns the Array of
 * results. Elements whose filter is not exactly true are dropped, and so are Undefined results
 * of {@code SELECT VALUE}. Any other source gives Undefined.
 */
final class NestedSelectEvaluator implements Evaluator {

  private final Evaluator source;
  private final Evaluator filter;
  private final Evaluator projection;
  private final boolean valueForm;

  NestedSelectEvaluator(Evaluator source, Evaluator filter, Evaluator projection, boolean valueForm) {
    this.source = source;
    this.filter = filter;
    this.projection = projection;
    this.valueForm = valueForm;
  }

  @Override
  public Value eval(Frame frame) {
    Value src = source.eval(frame);
    List<Value> rows;
    if (src instanceof ArrayValue a) {
      rows = a.items();
    } else if (src instanceof ObjectValue || src instanceof BinaryValue) {
      rows = List.of(src);
    } else {
      return UndefinedValue.INSTANCE;
    }
    List<Value> out = new ArrayList<>(rows.size());
    for (Value row : rows) {
      Frame child = frame.child(row);
      if (filter != null && filter.eval(child) != BoolValue.TRUE) {
        continue;
      }
      Value v = projection.eval(child);
      if (!(valueForm && v.isUndefined())) {
        out.add(v);
      }
    }
    return new ArrayValue(out);
  }
}
