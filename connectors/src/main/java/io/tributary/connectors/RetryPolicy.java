package io.tributary.connectors;

import java.time.Duration;

/**
 * How often and how patiently an action is tried: at most {@code maxAttempts} tries (AWS's HTTP
 * action: 3), waiting {@code initialBackoff} after the first failure and twice as long after each
 * further one, never more than {@code maxBackoff}; each try times out after {@code requestTimeout}
 * (AWS: 3,000 ms).
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration requestTimeout) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** AWS's HTTP action: 3 tries, 3 s each; backoff 200 ms, 400 ms. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMillis(3000));
  }

  /** The wait after failed try number {@code attempt} (1-based). */
  public Duration backoff(int attempt) {
    long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
