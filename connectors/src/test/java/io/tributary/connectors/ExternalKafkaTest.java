package io.tributary.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** AWS's Kafka action clientProperties become Java producer settings. */
class ExternalKafkaTest {
  @Test
  void passesKnownSettingsAndTranslatesSaslCredentials() {
    Properties p = ExternalKafka.properties(Map.of("bootstrap.servers", "b:9093", "security.protocol", "SASL_SSL",
        "sasl.mechanism", "PLAIN", "sasl.plain.username", "u", "sasl.plain.password", "p\"w", "acks", "0",
        "key.serializer", "StringSerializer", "ssl.truststore", "bXk="), RetryPolicy.defaults());

    assertThat(p.getProperty("bootstrap.servers")).isEqualTo("b:9093");
    assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(p.getProperty("acks")).isEqualTo("0");
    assertThat(p.getProperty("sasl.jaas.config")).isEqualTo(
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\\\"w\";");
    assertThat(p).doesNotContainKeys("key.serializer", "ssl.truststore", "sasl.plain.username");
    assertThat(p.getProperty("delivery.timeout.ms")).isEqualTo("10000");
  }
}
