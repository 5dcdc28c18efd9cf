package io.tributary.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP actions against a local server: content types, retries with backoff, and the error action. */
class InvocationExecutorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100),
      Duration.ofMillis(1000));

  record Written(String topic, byte[] key, byte[] value, Integer partition, List<Target.Header> headers) {}

  private final ConcurrentLinkedQueue<Written> platform = new ConcurrentLinkedQueue<>();
  private RecordingServer server;
  private InvocationExecutor executor;

  @BeforeEach
  void start() throws Exception {
    server = new RecordingServer();
    PlatformWriter writer = new PlatformWriter() {
      @Override
      public CompletableFuture<Void> write(String topic, byte[] key, byte[] value, Integer partition,
                                          List<Target.Header> headers) {
        platform.add(new Written(topic, key, value, partition, headers));
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public void close() {}
    };
    executor = new InvocationExecutor(writer, "t.messages", "node-1", FAST, HttpClient.newHttpClient(),
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), new ConnectorMetrics());
  }

  @AfterEach
  void stop() {
    executor.close();
    server.close();
  }

  private ActionInvocation invocation(List<Target> actions, Target errorAction, boolean json, String payload) {
    return new ActionInvocation("rule1", "devices/d1/telemetry", "d1", "trace-1",
        "{\"temp\":99}".getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8), json, actions,
        List.of(), errorAction, 0);
  }

  @Test
  void postsTheOutputWithHeadersAndJsonContentType() {
    Target http = new Target.Http(server.url("/hook/d1"), List.of(new Target.Header("x-device", "d1")));
    List<Failure> failures = executor.execute(invocation(List.of(http), null, true, "{\"t\":1}")).join();

    assertThat(failures).isEmpty();
    RecordingServer.Request request = server.requests.poll();
    assertThat(request.path()).isEqualTo("/hook/d1");
    assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"t\":1}");
    assertThat(request.headers().get("Content-type")).containsExactly("application/json");
    assertThat(request.headers().get("X-device")).containsExactly("d1");
    assertThat(executor.metrics().get("actionsSucceeded")).isEqualTo(1);
  }

  @Test
  void binaryOutputIsOctetStreamUnlessAHeaderSaysOtherwise() {
    executor.execute(invocation(List.of(new Target.Http(server.url("/a"), List.of())), null, false, "raw")).join();
    executor.execute(invocation(List.of(new Target.Http(server.url("/b"),
        List.of(new Target.Header("Content-Type", "text/csv")))), null, false, "raw")).join();

    assertThat(server.requests.poll().headers().get("Content-type")).containsExactly("application/octet-stream");
    assertThat(server.requests.poll().headers().get("Content-type")).containsExactly("text/csv");
  }

  @Test
  void retries5xxAnd429ThenSucceeds() {
    server.answer(503, 429);
    List<Failure> failures = executor.execute(invocation(List.of(new Target.Http(server.url("/r"), List.of())),
        null, true, "{}")).join();

    assertThat(failures).isEmpty();
    assertThat(server.requests).hasSize(3);
    assertThat(executor.metrics().get("retries")).isEqualTo(2);
  }

  @Test
  void doesNotRetryOther4xx() {
    server.answer(404);
    List<Failure> failures = executor.execute(invocation(List.of(new Target.Http(server.url("/missing"), List.of())),
        null, true, "{}")).join();

    assertThat(server.requests).hasSize(1);
    assertThat(failures).containsExactly(new Failure("HttpAction", server.url("/missing"),
        "HTTP POST to " + server.url("/missing") + " answered 404 (after 1 try)"));
  }

  @Test
  void afterTheLastTryTheErrorActionGetsTheAwsErrorDocument() throws Exception {
    server.answer(500, 500, 500);
    Target failing = new Target.Http(server.url("/down"), List.of());
    Target.Republish errors = new Target.Republish("errors/rule1", 1, null, null, null, null, null, List.of());
    List<Failure> failures = executor.execute(invocation(List.of(failing), errors, true, "{}")).join();

    assertThat(server.requests).hasSize(3);
    assertThat(failures).hasSize(1);
    Written w = platform.poll();
    assertThat(w.topic()).isEqualTo("t.messages");
    assertThat(new String(w.key(), StandardCharsets.UTF_8)).isEqualTo("d1");
    assertThat(w.headers()).containsExactly(new Target.Header(RuleRecords.HOPS_HEADER, "1"));
    Envelope e = EnvelopeCodec.decode(w.value());
    assertThat(e.topic()).isEqualTo("errors/rule1");
    assertThat(e.origin()).isEqualTo(Envelope.Origin.RULE);
    JsonNode doc = JSON.readTree(e.payload());
    assertThat(doc.toString()).isEqualTo("{\"ruleName\":\"rule1\",\"topic\":\"devices/d1/telemetry\","
        + "\"cloudwatchTraceId\":\"trace-1\",\"clientId\":\"d1\",\"base64OriginalPayload\":\"eyJ0ZW1wIjo5OX0=\","
        + "\"failures\":[{\"failedAction\":\"HttpAction\",\"failedResource\":\"" + server.url("/down")
        + "\",\"errorMessage\":\"HTTP POST to " + server.url("/down") + " answered 500 (after 3 tries)\"}]}");
    assertThat(executor.metrics().get("errorActionsSent")).isEqualTo(1);
  }

  @Test
  void oneErrorDocumentAggregatesEveryFailureIncludingTheJobs() throws Exception {
    server.answer(400, 400);
    Failure known = new Failure("KafkaAction", "nowhere", "Kafka topic 'nowhere' does not exist");
    ActionInvocation inv = new ActionInvocation("rule1", "in", null, null, new byte[] {1}, new byte[] {1}, false,
        List.of(new Target.Http(server.url("/a"), List.of()), new Target.Http(server.url("/b"), List.of())),
        List.of(known), new Target.Http(server.url("/errors"), List.of()), 0);

    List<Failure> failures = executor.execute(inv).join();

    assertThat(failures).hasSize(3).startsWith(known);
    RecordingServer.Request error = server.requests.stream().filter(r -> r.path().equals("/errors")).findFirst().orElseThrow();
    JsonNode doc = JSON.readTree(error.body());
    assertThat(doc.get("failures")).hasSize(3);
    assertThat(doc.get("clientId").asText()).isEmpty();
    assertThat(error.headers().get("Content-type")).containsExactly("application/json");
  }

  @Test
  void anUnreachableTargetIsRetriedAndReported() {
    Target dead = new Target.Http("http://127.0.0.1:1/closed", List.of());
    List<Failure> failures = executor.execute(invocation(List.of(dead), null, true, "{}")).join();

    assertThat(failures).singleElement().satisfies(f -> assertThat(f.errorMessage())
        .startsWith("HTTP POST to http://127.0.0.1:1/closed failed").endsWith("(after 3 tries)"));
    assertThat(executor.metrics().get("retries")).isEqualTo(2);
  }

  @Test
  void platformKafkaTargetsGoThroughThePlatformWriter() {
    Target.Kafka kafka = new Target.Kafka(null, "events", "k1", 2, List.of(new Target.Header("h", "v")));
    executor.execute(invocation(List.of(kafka), null, true, "{\"x\":1}")).join();

    Written w = platform.poll();
    assertThat(w.topic()).isEqualTo("events");
    assertThat(w.key()).isEqualTo("k1".getBytes(StandardCharsets.UTF_8));
    assertThat(w.partition()).isEqualTo(2);
    assertThat(w.headers()).containsExactly(new Target.Header("h", "v"));
  }

  @Test
  void invocationsRoundTripThroughTheirJson() {
    ActionInvocation inv = new ActionInvocation("r", "t", "c", "tr", new byte[] {1, 2}, new byte[] {3}, false,
        List.of(new Target.Kafka(Map.of("bootstrap.servers", "x:1"), "k", null, null, List.of()),
            new Target.Http("http://h/", List.of(new Target.Header("a", "b")))),
        List.of(new Failure("RepublishAction", "x/#", "bad")), Target.Republish.of("e", 1), 3);
    ActionInvocation back = InvocationCodec.decode(InvocationCodec.encode(inv));

    assertThat(back.actions()).isEqualTo(inv.actions());
    assertThat(back.failures()).isEqualTo(inv.failures());
    assertThat(back.originalPayload()).containsExactly(1, 2);
    assertThat(back.hops()).isEqualTo(3);
    assertThat(((Target.Republish) back.errorAction()).topic()).isEqualTo("e");
  }

  @Test
  void backoffDoublesUpToItsCeiling() {
    RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(350), Duration.ofSeconds(1));
    assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(4)))
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(350), Duration.ofMillis(350));
  }
}
