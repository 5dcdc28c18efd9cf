package io.tributary.core.config;

/** Names of the Kafka topics Tributary owns, all sharing one configurable prefix. */
public record TopicNames(String prefix) {
  /** Every accepted publish, as an Avro envelope keyed by publisher client id. */
  public String messages() {
    return prefix + "messages";
  }

  /**
   * A copy of every Device Shadow request publish (not wills), keyed by thing name so the default
   * partitioner puts all of a thing's requests in one partition; the shadow job's only input.
   */
  public String shadowRequests() {
    return prefix + "shadow.requests";
  }

  /** Compacted: retained message per MQTT topic, tombstone clears. */
  public String retained() {
    return prefix + "retained";
  }

  /** Compacted: persistent session state per client id. */
  public String sessions() {
    return prefix + "sessions";
  }

  /** Compacted: topic rules by rule name, as GetTopicRule returns them; tombstone on delete. */
  public String rules() {
    return prefix + "rules";
  }

  /** Rule action invocations for external targets (HTTP, external Kafka), executed by the connectors. */
  public String ruleActions() {
    return prefix + "rules.actions";
  }
}
