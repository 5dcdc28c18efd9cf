package io.tributary.server.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.rules.ShadowReader;
import io.tributary.shadow.RestResponse;
import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowNames;
import io.tributary.shadow.ShadowService;
import io.tributary.streams.shadow.ShadowJob;
import io.tributary.streams.shadow.ShadowLocation;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code get_thing_shadow} for the rules job: the shadow as {@code GET /things/{thing}/shadow}
 * returns it, read from this node's shadow store when the node owns the thing (interactive query),
 * else from the owning node over HTTP, as a forwarded REST read (which that node authorizes and
 * rate-limits like any shadow read).
 *
 * <p>Called synchronously on a rules stream thread, so a remote read waits at most
 * {@link #REMOTE_TIMEOUT}. A thing or shadow that does not exist (404) reads as empty, so the
 * function returns Undefined. Any other outcome (owner unknown while rebalancing, timeout, an error
 * answer such as 429) throws {@link ShadowLookupException}: the rule fails for that message and
 * runs no action and no error action, and the failure is logged and counted
 * ({@code evaluationErrors}). That is what the AWS IoT SQL reference recommends for a failing
 * external function; AWS does not document it.
 *
 * <p>The shadow job starts after the rules job (it needs the HTTP port), so it is {@link #bind bound}
 * later; reads before that fail as above.
 */
public final class RuleShadowReader implements ShadowReader {
  /** How long a rule waits for another node's answer. */
  public static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(2);
  /** {@code Calls.FORWARDED}: the owner answers from its store and never forwards again. */
  private static final String FORWARDED = "x-tributary-forwarded";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ShadowService service;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(REMOTE_TIMEOUT).build();
  private volatile ShadowJob job;

  public RuleShadowReader(ShadowService service, Clock clock) {
    this.service = service;
    this.clock = clock;
  }

  /** Reads go to {@code shadowJob} from now on. */
  public void bind(ShadowJob shadowJob) {
    this.job = shadowJob;
  }

  @Override
  public Optional<JsonNode> read(String thingName, String shadowName) {
    if (!ShadowNames.isValidThingName(thingName)
        || (shadowName != null && !ShadowNames.isValidShadowName(shadowName))) {
      return Optional.empty(); // GetThingShadow would answer 400; no such shadow can exist
    }
    ShadowJob current = job;
    if (current == null) {
      throw new ShadowLookupException("the shadow service has not started yet");
    }
    ShadowId id = shadowName == null ? ShadowId.classic(thingName) : ShadowId.named(thingName, shadowName);
    ShadowLocation location = current.locate(thingName);
    return switch (location.kind()) {
      case LOCAL -> local(current, id);
      case REMOTE -> remote(location.host().orElseThrow(), thingName, shadowName);
      case UNAVAILABLE -> throw new ShadowLookupException(
          "the owner of " + thingName + "'s shadows is not known (the shadow job is starting or rebalancing)");
    };
  }

  private Optional<JsonNode> local(ShadowJob current, ShadowId id) {
    RestResponse answer;
    try {
      answer = service.restGet(id, current.read(id.thingName(), id.shadowName()), clock.millis());
    } catch (RuntimeException e) { // ShadowUnavailableException: ownership moved meanwhile
      throw new ShadowLookupException("the shadow store could not be read: " + e.getMessage(), e);
    }
    return document(answer.status(), answer.body());
  }

  private Optional<JsonNode> remote(String hostAndPort, String thingName, String shadowName) {
    String uri = "http://" + hostAndPort + "/things/" + URLEncoder.encode(thingName, StandardCharsets.UTF_8)
        + "/shadow" + (shadowName == null ? "" : "?name=" + URLEncoder.encode(shadowName, StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(REMOTE_TIMEOUT)
        .header(FORWARDED, "1").GET().build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ShadowLookupException("the node serving " + thingName + " (" + hostAndPort + ") did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShadowLookupException("interrupted while reading the shadow of " + thingName, e);
    }
    return document(response.statusCode(), response.body());
  }

  private static Optional<JsonNode> document(int status, byte[] body) {
    if (status == 404) {
      return Optional.empty();
    }
    if (status != 200) {
      throw new ShadowLookupException("GetThingShadow answered " + status + ": "
          + new String(body, StandardCharsets.UTF_8));
    }
    try {
      return Optional.of(JSON.readTree(body));
    } catch (IOException e) {
      throw new ShadowLookupException("GetThingShadow answered a body that is not JSON", e);
    }
  }

  /** A shadow read that failed; the rule evaluating it runs no action for the message. */
  public static final class ShadowLookupException extends RuntimeException {
    ShadowLookupException(String message) {
      super(message);
    }

    ShadowLookupException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
