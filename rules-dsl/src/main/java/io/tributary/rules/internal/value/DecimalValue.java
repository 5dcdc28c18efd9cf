package io.tributary.rules.internal.value;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A Decimal: 34-digit precision, kept as a {@link BigDecimal} with its textual scale.
 *
 * <p>A Decimal read from a JSON double (or computed as one) that has a fractional part is kept as
 * the {@code double} and turned into {@code BigDecimal.valueOf(d)} only when an operation needs
 * the decimal: parsing a document then costs no decimal conversion for the fields no rule reads,
 * and comparisons and output have exact double fast paths (see {@link #isFractionalDouble()}).
 * Either way {@link #value()} is the same {@code BigDecimal} the eager conversion would give.
 */
public final class DecimalValue implements Value {

  /** {@code BigDecimal.valueOf(dbl)} once computed; set at most once (racy but idempotent). */
  private BigDecimal value;
  private final double dbl;
  private final boolean fractionalDouble;

  public DecimalValue(BigDecimal value) {
    this.value = Objects.requireNonNull(value, "value");
    this.dbl = Double.NaN;
    this.fractionalDouble = false;
  }

  private DecimalValue(double d) {
    this.dbl = d;
    this.fractionalDouble = true;
  }

  /**
   * The Decimal {@code BigDecimal.valueOf(d)} of a finite double; the conversion is deferred when
   * {@code d} has a fractional part.
   */
  public static DecimalValue ofDouble(double d) {
    if (isFractional(d)) {
      return new DecimalValue(d);
    }
    return new DecimalValue(BigDecimal.valueOf(d));
  }

  /** Finite and not a whole number (so its magnitude is below 2^52). */
  static boolean isFractional(double d) {
    return d != Math.rint(d) && !Double.isNaN(d);
  }

  public BigDecimal value() {
    BigDecimal v = value;
    if (v == null) {
      // BigDecimal's state is final, so publishing it through a data race is safe.
      v = BigDecimal.valueOf(dbl);
      value = v;
    }
    return v;
  }

  /**
   * True when this Decimal is {@code BigDecimal.valueOf(d)} of a finite double {@code d} with a
   * fractional part, available as {@link #doubleValue()}. Since {@code Double.toString} gives
   * digits that round back to {@code d}, such a value orders against another such value, and
   * against any integer of magnitude up to 2^53, exactly as {@code d} does, and never equals
   * either unless the doubles are equal.
   */
  public boolean isFractionalDouble() {
    return fractionalDouble;
  }

  /** The double of a {@link #isFractionalDouble()} value. */
  public double doubleValue() {
    return dbl;
  }

  @Override
  public String typeName() {
    return "Decimal";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DecimalValue d && value().equals(d.value());
  }

  @Override
  public int hashCode() {
    return value().hashCode();
  }

  @Override
  public String toString() {
    return "DecimalValue[value=" + value() + "]";
  }
}
