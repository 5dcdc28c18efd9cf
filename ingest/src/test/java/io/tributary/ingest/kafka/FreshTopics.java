package io.tributary.ingest.kafka;

import io.tributary.core.config.KafkaConfig;
import io.tributary.ingest.GatewayHarness;
import java.util.Map;
import java.util.UUID;

/** The gateway's topics under a prefix of their own, created on the harness's broker, for tests of {@link MessageLog}. */
final class FreshTopics {
  private FreshTopics() {}

  /** A configuration whose topics ({@code <name><random>.messages}, ...) exist; {@code producer} entries apply first. */
  static KafkaConfig create(GatewayHarness harness, String name, Map<String, String> producer) {
    KafkaConfig kafka = new KafkaConfig();
    kafka.topicPrefix = name + UUID.randomUUID().toString().substring(0, 8) + ".";
    kafka.producer.putAll(producer);
    TopicSetup.ensureTopics(harness.kafka().bootstrapServers(), kafka);
    return kafka;
  }
}
