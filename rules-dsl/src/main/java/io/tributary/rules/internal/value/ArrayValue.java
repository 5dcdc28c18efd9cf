package io.tributary.rules.internal.value;

import java.util.List;

/** An Array; items may have mixed types. The list is never modified after construction. */
public record ArrayValue(List<Value> items) implements Value {

  public ArrayValue {
    items = List.copyOf(items);
  }

  public int size() {
    return items.size();
  }

  public Value get(int index) {
    return index >= 0 && index < items.size() ? items.get(index) : UndefinedValue.INSTANCE;
  }

  @Override
  public String typeName() {
    return "Array";
  }
}
