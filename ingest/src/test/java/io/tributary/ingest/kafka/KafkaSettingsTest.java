package io.tributary.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.config.KafkaConfig;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The gateway's producer: durable and ordered, Nagle-style batching by default, the user's overrides last. */
class KafkaSettingsTest {

  @Test
  void theProducerIsDurableAndBatchesWhileARequestIsOut() {
    Properties p = KafkaSettings.producer("127.0.0.1:9092", new KafkaConfig(), "gw", 1 << 20);
    assertThat(p).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
        .containsEntry("linger.ms", "0").containsEntry("max.in.flight.requests.per.connection", "1")
        .containsEntry("max.block.ms", "60000").containsEntry("metadata.max.idle.ms", "86400000");
  }

  @Test
  void theUsersPropertiesOverrideTributarysDefaults() {
    KafkaConfig config = new KafkaConfig();
    config.producer.put("linger.ms", "1");
    config.producer.put("max.in.flight.requests.per.connection", "5");
    Properties p = KafkaSettings.producer("127.0.0.1:9092", config, "gw", 1 << 20);
    assertThat(p).containsEntry("linger.ms", "1").containsEntry("max.in.flight.requests.per.connection", "5")
        .containsEntry("acks", "all");
  }
}
