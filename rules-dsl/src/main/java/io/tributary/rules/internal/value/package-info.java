/**
 * The value model of AWS IoT SQL: the {@link io.tributary.rules.internal.value.Value} kinds, the
 * implicit {@link io.tributary.rules.internal.value.Conversions}, {@code cast}, the {@code =}
 * equality and JSON reading and writing. Start at {@code Value}.
 */
package io.tributary.rules.internal.value;
