package io.tributary.server.http;

import java.util.function.BooleanSupplier;

/**
 * One component's health, asked on every {@code GET /health}; it must answer without blocking.
 *
 * @param name    the key under {@code checks} in the health document
 * @param healthy true while the component works
 */
public record HealthCheck(String name, BooleanSupplier healthy) {}
