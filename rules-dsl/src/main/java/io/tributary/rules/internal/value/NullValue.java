package io.tributary.rules.internal.value;

/** A real JSON null. */
public enum NullValue implements Value {
  INSTANCE;

  @Override
  public String typeName() {
    return "Null";
  }
}
