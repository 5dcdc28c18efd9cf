package io.tributary.connectors;

import io.tributary.core.config.KafkaConfig;
import java.time.Clock;

/**
 * What a {@link ConnectorWorker} needs: the platform's Kafka ({@code bootstrap}, with the user's
 * client overrides and topic prefix from {@code kafka}), this node's id, and the retry policy.
 */
public record ConnectorOptions(String bootstrap, KafkaConfig kafka, String nodeId, RetryPolicy retry, Clock clock) {

  public static ConnectorOptions of(String bootstrap, KafkaConfig kafka, String nodeId) {
    return new ConnectorOptions(bootstrap, kafka, nodeId, RetryPolicy.defaults(), Clock.systemUTC());
  }

  /** The consumer group of the connector workers; every node joins it. */
  public String groupId() {
    return kafka.topics().ruleActions() + ".connectors";
  }
}
