package io.tributary.rules.internal.value;

/** An Int. Values that do not fit in 64 bits are carried as a {@link DecimalValue} of scale 0. */
public record IntValue(long value) implements Value {

  private static final IntValue[] SMALL = new IntValue[256];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = new IntValue(i - 128);
    }
  }

  public static IntValue of(long value) {
    return value >= -128 && value < 128 ? SMALL[(int) value + 128] : new IntValue(value);
  }

  @Override
  public String typeName() {
    return "Int";
  }
}
