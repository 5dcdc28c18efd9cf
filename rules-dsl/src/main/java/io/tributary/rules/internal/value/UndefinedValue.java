package io.tributary.rules.internal.value;

/** "Not a value": a missing key, an invalid function call, a failed conversion. */
public enum UndefinedValue implements Value {
  INSTANCE;

  @Override
  public String typeName() {
    return "Undefined";
  }
}
