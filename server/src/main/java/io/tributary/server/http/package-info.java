/**
 * The node's HTTP side: options shared by the HTTP and HTTPS listeners
 * ({@link io.tributary.server.http.HttpListeners}, including MQTT over WebSocket at {@code /mqtt})
 * and the {@code GET /health} endpoint ({@link io.tributary.server.http.HealthHandler}), which
 * reports DOWN with status 503 as soon as one {@link io.tributary.server.http.HealthCheck} fails.
 */
package io.tributary.server.http;
