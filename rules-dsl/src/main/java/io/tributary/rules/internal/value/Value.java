package io.tributary.rules.internal.value;

/**
 * A runtime value of AWS IoT SQL. The nine kinds are the eight types of the language reference
 * (Int, Decimal, Boolean, String, Array, Object, Null, Undefined) plus the raw bytes of a payload
 * that is not JSON. Values are immutable.
 */
public sealed interface Value
    permits IntValue, DecimalValue, BoolValue, StringValue, ArrayValue, ObjectValue, NullValue,
        UndefinedValue, BinaryValue {

  /** True only for {@link UndefinedValue}. */
  default boolean isUndefined() {
    return this == UndefinedValue.INSTANCE;
  }

  /** Name of the type, as used in error messages and documentation. */
  String typeName();
}
