package io.tributary.rules.internal.value;

/** The raw bytes of a payload that is not valid JSON; reachable only through {@code *}. */
public record BinaryValue(byte[] bytes) implements Value {

  @Override
  public String typeName() {
    return "Binary";
  }
}
