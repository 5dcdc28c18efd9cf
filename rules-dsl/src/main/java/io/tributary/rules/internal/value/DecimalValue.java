package io.tributary.rules.internal.value;

import java.math.BigDecimal;
import java.util.Objects;

/** A Decimal: 34-digit precision, kept as a {@link BigDecimal} with its textual scale. */
public record DecimalValue(BigDecimal value) implements Value {

  public DecimalValue {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String typeName() {
    return "Decimal";
  }
}
