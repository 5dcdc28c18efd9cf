package io.tributary.core.config;

/** The rules engine: the rules job every node runs. */
public final class RulesConfig {
  /**
   * Seconds without an enabled topic rule after which the rules job closes its Kafka Streams
   * instance (it stops reading the message topic and leaves its consumer group); the first rule
   * enabled afterwards starts it again. {@code 0} closes it as soon as no rule is enabled.
   */
  @Minimum(0)
  public long idleStopAfterSeconds = 10;
}
