package io.tributary.rules.internal.eval;

import io.tributary.rules.internal.ast.Expr;
import io.tributary.rules.internal.ast.Select;
import io.tributary.rules.internal.ast.SelectItem;
import io.tributary.rules.internal.value.FieldMap;
import io.tributary.rules.internal.value.ObjectValue;
import io.tributary.rules.internal.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a SELECT list into one evaluator producing the output value: {@code VALUE e} gives
 * {@code e}; a lone {@code *} gives the row unchanged (binary payloads included); otherwise an
 * Object whose keys follow the SELECT order, with {@code *} contributing the row's keys, dotted
 * aliases building nested objects, and Undefined items left out.
 */
final class SelectCompiler {

  /** Writes one SELECT item into the output being built. */
  @FunctionalInterface
  private interface ItemWriter {
    void write(Frame f, FieldMap out);
  }

  private final ExprCompiler exprs;

  SelectCompiler(ExprCompiler exprs) {
    this.exprs = exprs;
  }

  Evaluator compile(Select select) {
    if (select.isValue()) {
      return exprs.compile(select.value());
    }
    List<SelectItem> items = select.items();
    if (items.size() == 1 && items.get(0).isBareStar()) {
      return Frame::row;
    }
    List<ItemWriter> writers = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      writers.add(writer(items.get(i), i));
    }
    ItemWriter[] all = writers.toArray(ItemWriter[]::new);
    return f -> {
      FieldMap out = new FieldMap(all.length);
      for (ItemWriter w : all) {
        w.write(f, out);
      }
      return new ObjectValue(out);
    };
  }

  private ItemWriter writer(SelectItem item, int index) {
    if (item.isBareStar()) {
      return (f, out) -> {
        if (f.row() instanceof ObjectValue o) {
          out.addAll(o.fields());
        }
      };
    }
    Evaluator value = exprs.compile(item.expr());
    List<String> path = item.alias().isEmpty() ? List.of(defaultKey(item.expr(), index)) : item.alias();
    if (path.size() == 1) {
      String key = path.get(0);
      return (f, out) -> {
        Value v = value.eval(f);
        if (!v.isUndefined()) {
          out.add(key, v);
        }
      };
    }
    String[] keys = path.toArray(String[]::new);
    return (f, out) -> {
      Value v = value.eval(f);
      if (!v.isUndefined()) {
        putPath(out, keys, 0, v);
      }
    };
  }

  /** The key of an unaliased item: a field's or member's name, a function's name, else _N. */
  static String defaultKey(Expr e, int index) {
    if (e instanceof Expr.Field f) {
      return f.name();
    }
    if (e instanceof Expr.Member m) {
      return m.name();
    }
    if (e instanceof Expr.Variable v) {
      return v.name();
    }
    if (e instanceof Expr.Call c) {
      return c.pos().token();
    }
    if (e instanceof Expr.Cast) {
      return "cast";
    }
    return "_" + (index + 1);
  }

  private static void putPath(FieldMap out, String[] keys, int i, Value v) {
    if (i == keys.length - 1) {
      out.add(keys[i], v);
      return;
    }
    Value existing = out.find(keys[i]);
    FieldMap inner = existing instanceof ObjectValue o ? FieldMap.copyOf(o.fields()) : new FieldMap();
    putPath(inner, keys, i + 1, v);
    out.add(keys[i], new ObjectValue(inner));
  }
}
