package io.tributary.core.config;

/**
 * The Device Shadow service: its job and its limits. Defaults are AWS IoT Core's (8 KB state,
 * depth 6, 64-byte client token, no named-shadow limit, 20 requests per second per thing, a
 * deleted shadow's version remembered for 48 hours).
 */
public final class ShadowConfig {
  /** Runs the shadow job on this node. Every node of a cluster should run it; they share the work. */
  public boolean enabled = true;
  /** UTF-8 bytes of the merged {@code desired} plus {@code reported} state; above → 413. */
  public int maxStateBytes = 8 * 1024;
  /** Nesting levels allowed under {@code desired} and {@code reported}; above → 400. */
  public int maxDepth = 6;
  /** UTF-8 bytes of a {@code clientToken}; above → 400. */
  public int maxClientTokenBytes = 64;
  /** Named shadows one thing may have; 0 means unlimited (AWS). */
  public int maxNamedShadowsPerThing = 0;
  /** Shadow requests per second per thing before 429; 0 means unlimited. */
  public int maxRequestsPerSecondPerThing = 20;
  /** How long a deleted shadow's version is remembered so a re-created one continues it. */
  public long deletedVersionRetentionSeconds = 48 * 3600;
  /** How long a REST update or delete waits for the job's answer before 503. */
  public long restTimeoutMillis = 10_000;
  /** Kafka Streams threads of the shadow job on this node. */
  public int streamThreads = 1;
  /** Kafka Streams commit interval: with exactly-once, how long responses wait to become visible. */
  public long commitIntervalMillis = 50;
}
