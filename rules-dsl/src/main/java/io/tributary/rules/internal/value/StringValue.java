package io.tributary.rules.internal.value;

import java.util.Objects;

/** A String. */
public record StringValue(String value) implements Value {

  public StringValue {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String typeName() {
    return "String";
  }
}
