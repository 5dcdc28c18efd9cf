package io.tributary.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyNamesTest {
  @ParameterizedTest
  @CsvSource({
      "maxPayloadBytes, MAX_PAYLOAD_BYTES",
      "mqttTls,         MQTT_TLS",
      "dataDir,         DATA_DIR",
      "id,              ID",
      "listeners,       LISTENERS"})
  void camelCaseAndUpperSnakeCaseConvertBothWays(String camel, String upperSnake) {
    assertThat(KeyNames.upperSnake(camel)).isEqualTo(upperSnake);
    assertThat(KeyNames.camel(upperSnake)).isEqualTo(camel);
  }

  @ParameterizedTest
  @CsvSource({"LINGER_MS, linger.ms", "ACKS, acks", "MAX_POLL_RECORDS, max.poll.records"})
  void kafkaPropertiesAreDotted(String upperSnake, String property) {
    assertThat(KeyNames.property(upperSnake)).isEqualTo(property);
  }
}
