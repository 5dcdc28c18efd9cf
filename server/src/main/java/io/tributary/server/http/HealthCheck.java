package io.tributary.server.http;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One component's health, asked on every {@code GET /health}; it must answer without blocking.
 *
 * @param name    the key under {@code checks} (and {@code details}) in the health document
 * @param healthy true while the component works
 * @param details what the component is doing, shown under {@code details.<name>}; null for none
 */
public record HealthCheck(String name, BooleanSupplier healthy, Supplier<Map<String, Object>> details) {
  /** A check without details. */
  public HealthCheck(String name, BooleanSupplier healthy) {
    this(name, healthy, null);
  }
}
