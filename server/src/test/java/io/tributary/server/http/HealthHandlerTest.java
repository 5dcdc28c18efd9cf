package io.tributary.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthHandlerTest {
  private final AtomicBoolean gatewayHealthy = new AtomicBoolean(true);
  private final AtomicReference<String> rulesState = new AtomicReference<>("STOPPED");
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private Vertx vertx;
  private HttpServer server;

  @BeforeEach
  void serve() throws Exception {
    vertx = Vertx.vertx();
    HealthHandler health = new HealthHandler("node-1", "external", "kafka:9092",
        () -> Map.of("mqtt", 1883), List.of(new HealthCheck("gateway", gatewayHealthy::get),
            new HealthCheck("rulesJob", () -> true, () -> Map.of("state", rulesState.get(), "consuming", false))),
        clock);
    Router router = Router.router(vertx);
    router.get("/health").handler(health);
    server = vertx.createHttpServer(HttpListeners.options("127.0.0.1", 0, null, 1024)).requestHandler(router)
        .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void upWhileEveryCheckPasses() throws Exception {
    clock.advance(Duration.ofSeconds(75));
    HttpResponse<String> response = get();

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("status")).isEqualTo("UP");
    assertThat(body.getLong("uptimeSeconds")).isEqualTo(75L);
    assertThat(body.getJsonObject("checks").getString("gateway")).isEqualTo("UP");
    assertThat(body.getJsonObject("listeners").getInteger("mqtt")).isEqualTo(1883);
    assertThat(body.getJsonObject("kafka").getString("bootstrap")).isEqualTo("kafka:9092");
  }

  @Test
  void downWith503AsSoonAsOneCheckFails() throws Exception {
    gatewayHealthy.set(false);
    HttpResponse<String> response = get();

    assertThat(response.statusCode()).isEqualTo(503);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("status")).isEqualTo("DOWN");
    assertThat(body.getJsonObject("checks").getString("gateway")).isEqualTo("DOWN");
    assertThat(body.getString("nodeId")).isEqualTo("node-1");
  }

  @Test
  void checksWithDetailsShowThemUnderDetailsAndAStoppedRulesJobIsUp() throws Exception {
    HttpResponse<String> response = get();

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getJsonObject("checks").getString("rulesJob")).isEqualTo("UP");
    assertThat(body.getJsonObject("details").getMap()).containsOnlyKeys("rulesJob");
    assertThat(body.getJsonObject("details").getJsonObject("rulesJob").getString("state")).isEqualTo("STOPPED");
    assertThat(body.getJsonObject("details").getJsonObject("rulesJob").getBoolean("consuming")).isFalse();

    rulesState.set("RUNNING"); // read again on every request
    assertThat(new JsonObject(get().body()).getJsonObject("details").getJsonObject("rulesJob").getString("state"))
        .isEqualTo("RUNNING");
  }

  private HttpResponse<String> get() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/health")).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A clock the test moves forward instead of sleeping. */
  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
