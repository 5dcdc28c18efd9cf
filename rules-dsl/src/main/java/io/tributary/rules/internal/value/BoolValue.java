package io.tributary.rules.internal.value;

/** A Boolean; the two instances are {@link #TRUE} and {@link #FALSE}. */
public enum BoolValue implements Value {
  TRUE(true),
  FALSE(false);

  private final boolean value;

  BoolValue(boolean value) {
    this.value = value;
  }

  public static BoolValue of(boolean value) {
    return value ? TRUE : FALSE;
  }

  public boolean value() {
    return value;
  }

  @Override
  public String typeName() {
    return "Boolean";
  }
}
