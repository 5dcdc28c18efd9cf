package io.tributary.connectors;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP action: a POST of the rule output with the action's headers, tried up to
 * {@link RetryPolicy#maxAttempts()} times with exponential backoff. Only a 429, a 5xx, a timeout or
 * an I/O error is retried (AWS retries 429 and 5xx); any other non-2xx answer fails at once. The
 * default {@code content-type} is {@code application/json} for JSON output and
 * {@code application/octet-stream} otherwise; a {@code content-type} header overrides it.
 */
final class HttpSender {
  private final HttpClient client;
  private final RetryPolicy policy;
  private final ConnectorMetrics metrics;

  HttpSender(HttpClient client, RetryPolicy policy, ConnectorMetrics metrics) {
    this.client = client;
    this.policy = policy;
    this.metrics = metrics;
  }

  /** Completes with empty on success, or with the error message of the last try. */
  CompletableFuture<Optional<String>> send(Target.Http target, byte[] payload, boolean json) {
    HttpRequest request;
    try {
      request = request(target, payload, json);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Optional.of("Invalid HTTP request to " + target.url() + ": " + e.getMessage()));
    }
    return attempt(request, 1);
  }

  private HttpRequest request(Target.Http target, byte[] payload, boolean json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.url()))
        .timeout(policy.requestTimeout())
        .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
    boolean typed = false;
    for (Target.Header h : target.headers()) {
      typed |= h.key().toLowerCase(Locale.ROOT).equals("content-type");
      b.header(h.key(), h.value());
    }
    if (!typed) {
      b.header("content-type", json ? "application/json" : "application/octet-stream");
    }
    return b.build();
  }

  private CompletableFuture<Optional<String>> attempt(HttpRequest request, int attempt) {
    return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle((response, error) -> outcome(request, response, error))
        .thenCompose(outcome -> {
          if (outcome.error == null) {
            return CompletableFuture.completedFuture(Optional.<String>empty());
          }
          if (!outcome.retryable || attempt >= policy.maxAttempts()) {
            return CompletableFuture.completedFuture(Optional.of(outcome.error + " (after " + attempt
                + (attempt == 1 ? " try)" : " tries)")));
          }
          metrics.retries.increment();
          long wait = policy.backoff(attempt).toMillis();
          return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS))
              .thenCompose(ignored -> attempt(request, attempt + 1));
        });
  }

  private static Outcome outcome(HttpRequest request, HttpResponse<Void> response, Throwable error) {
    if (error != null) {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      String what = cause instanceof java.net.http.HttpTimeoutException ? "timed out" : cause.toString();
      return new Outcome("HTTP POST to " + request.uri() + " failed: " + what, cause instanceof IOException);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Outcome(null, false);
    }
    return new Outcome("HTTP POST to " + request.uri() + " answered " + status, status == 429 || status >= 500);
  }

  private record Outcome(String error, boolean retryable) {}
}
