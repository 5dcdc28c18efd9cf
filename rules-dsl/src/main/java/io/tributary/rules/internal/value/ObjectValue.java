package io.tributary.rules.internal.value;

import java.util.Collections;
import java.util.Map;

/**
 * An Object: string keys in insertion order, values of any type. The map handed to the
 * constructor is owned by the value from then on and must not be modified by the caller; a
 * {@link FieldMap} is kept as it is (it is read-only through the {@code Map} interface), any other
 * map is wrapped unmodifiable.
 */
public record ObjectValue(Map<String, Value> fields) implements Value {

  public ObjectValue {
    if (!(fields instanceof FieldMap)) {
      fields = Collections.unmodifiableMap(fields);
    }
  }

  /** The value under {@code key}, or Undefined when the key is missing. */
  public Value get(String key) {
    Value v = fields instanceof FieldMap m ? m.find(key) : fields.get(key);
    return v == null ? UndefinedValue.INSTANCE : v;
  }

  @Override
  public String typeName() {
    return "Object";
  }
}
