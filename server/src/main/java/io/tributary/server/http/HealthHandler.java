package io.tributary.server.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health}: a JSON document with the overall status ({@code UP}, or {@code DOWN} with
 * HTTP 503 when any check fails), the node id, the Kafka cluster, the listeners' ports, the uptime,
 * each check's status and, for checks that have them, their details (what the rules job is doing).
 */
public final class HealthHandler implements Handler<RoutingContext> {
  private final String nodeId;
  private final JsonObject kafka;
  private final Supplier<Map<String, Integer>> listeners;
  private final List<HealthCheck> checks;
  private final Clock clock;
  private final Instant started;

  /**
   * @param kafkaMode  {@code embedded} or {@code external}
   * @param listeners  listener name → bound port, read on each request
   */
  public HealthHandler(String nodeId, String kafkaMode, String bootstrap, Supplier<Map<String, Integer>> listeners,
                       List<HealthCheck> checks, Clock clock) {
    this.nodeId = nodeId;
    this.kafka = new JsonObject().put("mode", kafkaMode).put("bootstrap", bootstrap);
    this.listeners = listeners;
    this.checks = List.copyOf(checks);
    this.clock = clock;
    this.started = clock.instant();
  }

  /** The health document as of now. */
  public JsonObject document() {
    JsonObject results = new JsonObject();
    JsonObject details = new JsonObject();
    boolean up = true;
    for (HealthCheck check : checks) {
      boolean healthy = check.healthy().getAsBoolean();
      results.put(check.name(), healthy ? "UP" : "DOWN");
      up &= healthy;
      if (check.details() != null) {
        details.put(check.name(), new JsonObject(new LinkedHashMap<>(check.details().get())));
      }
    }
    JsonObject ports = new JsonObject();
    listeners.get().forEach(ports::put);
    return new JsonObject()
        .put("status", up ? "UP" : "DOWN")
        .put("nodeId", nodeId)
        .put("kafka", kafka.copy())
        .put("listeners", ports)
        .put("uptimeSeconds", Duration.between(started, clock.instant()).toSeconds())
        .put("checks", results)
        .put("details", details);
  }

  @Override
  public void handle(RoutingContext context) {
    JsonObject document = document();
    context.response()
        .setStatusCode("UP".equals(document.getString("status")) ? 200 : 503)
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(document.encode());
  }
}
