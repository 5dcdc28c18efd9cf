package io.tributary.core.config;

/** Broker limits and timers. Defaults are AWS IoT Core's documented quotas. */
public final class MqttConfig {
  /** Largest PUBLISH payload accepted (AWS: 128 KB). */
  public int maxPayloadBytes = 128 * 1024;
  /** Largest MQTT packet accepted and sent (payload plus headers and properties). */
  public int maxPacketBytes = 128 * 1024 + 16 * 1024;
  /** Topic names and filters: UTF-8 bytes (AWS: 256). */
  public int maxTopicBytes = 256;
  /** Topic levels (AWS: 7 slashes, so 8 levels). */
  public int maxTopicLevels = 8;
  /** Client identifier length in bytes (AWS: 128). */
  public int maxClientIdBytes = 128;
  /** Distinct subscriptions one session may hold (AWS: 50). */
  public int maxSubscriptionsPerSession = 50;
  /** Topic filters in one SUBSCRIBE packet (AWS: 8). */
  public int maxFiltersPerSubscribe = 8;
  /** Unacknowledged inbound QoS 1/2 publishes per client: the Receive Maximum advertised (AWS: 100). */
  public int receiveMaximum = 100;
  /** Unacknowledged outbound QoS 1/2 publishes per client (AWS: 100); capped by the client's Receive Maximum. */
  public int maxInflightOutbound = 100;
  /** Topic aliases a client may use (AWS: 8). */
  public int topicAliasMaximum = 8;
  /** Keep-alive bounds in seconds; 0 from a client means "no keep-alive" in the mqtt profile. */
  public int keepAliveMinSeconds = 30;
  public int keepAliveMaxSeconds = 1200;
  /** Session expiry: upper bound (AWS: 7 days) and the value used for MQTT 3.1.1 persistent sessions (AWS: 1 h). */
  public long maxSessionExpirySeconds = 7 * 24 * 3600;
  public long defaultSessionExpirySeconds = 3600;
  /** QoS 1/2 messages queued for a connected client beyond its in-flight window; past it the oldest are dropped. */
  public int maxQueuedMessagesPerSession = 10_000;
  /**
   * Bytes of publishes this node has handed to Kafka but not yet had acknowledged; reading stops
   * above it. Enough for the bandwidth-delay product of a remote cluster (100 MB/s × 20 ms is 2 MB);
   * more only queues: under a QoS 0 flood a fuller backlog is older records that outlive young
   * collections (64 MiB measured 20-30 % less ingest than 8 MiB on 2 cores, GC threads ~25 % of a
   * core against ~5 %).
   */
  public long maxPendingProduceBytes = 8L * 1024 * 1024;
}
