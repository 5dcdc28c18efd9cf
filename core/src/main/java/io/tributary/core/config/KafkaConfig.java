package io.tributary.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Kafka cluster this node uses, and how Tributary's topics are named and created. */
public final class KafkaConfig {
  /** Bootstrap servers of an external cluster; when empty the node starts an embedded broker. */
  public String bootstrap;
  /** Prefix of every topic Tributary owns: {@code <prefix>messages}, {@code <prefix>retained}, ... */
  public String topicPrefix = "tributary.";
  /** Partitions of the message topic when the node creates it. */
  public int partitions = 6;
  /** Replication factor of topics the node creates (1 on the embedded broker). */
  public short replicationFactor = 1;
  /** Port of the embedded broker's client listener (loopback); 0 picks a free port. */
  public int embeddedPort = 9092;
  /**
   * Below this many records a second handed to the gateway's producer, records are sent at once
   * rather than after the producer's {@code linger.ms}; 0 always lingers. Applies only when {@code
   * producer} sets {@code linger.ms} above 0 (the gateway's default is 0).
   */
  @Minimum(0)
  public int expediteBelowRecordsPerSecond = 1_000;
  /**
   * While the message feed only reads back what the local fast path delivered already, it fetches
   * at most once per this many milliseconds; 0 always reads eagerly. The first message from
   * elsewhere (another node, the rules or shadow jobs) after such a spell waits up to this long.
   */
  @Minimum(0)
  public int feedLocalPollIntervalMs = 20;
  /** Extra producer properties (override Tributary's defaults). */
  public Map<String, String> producer = new LinkedHashMap<>();
  /** Extra consumer properties (override Tributary's defaults). */
  public Map<String, String> consumer = new LinkedHashMap<>();

  public TopicNames topics() {
    return new TopicNames(topicPrefix);
  }
}
