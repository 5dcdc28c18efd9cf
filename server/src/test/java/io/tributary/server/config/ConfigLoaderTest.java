package io.tributary.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.config.Profile;
import io.tributary.core.config.TributaryConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class ConfigLoaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path resource(String name) {
    Path dir;
    try {
      dir = Path.of(ConfigLoaderTest.class.getResource("/config").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return dir.resolve(name);
  }

  private static JsonNode tree(TributaryConfig config) {
    return JSON.valueToTree(config);
  }

  @Test
  void anEmptyFileKeepsEveryDefault() {
    TributaryConfig config = new ConfigLoader().file(resource("config/empty.yaml")).load();

    assertThat(tree(config)).isEqualTo(tree(TributaryConfig.defaults()));
  }

  @Test
  void aFileSetsTheKeysItNames() {
    TributaryConfig config = new ConfigLoader().file(resource("config/full.yaml")).load();

    assertThat(config.node.id).isEqualTo("node-a");
    assertThat(config.node.dev).isTrue();
    assertThat(config.node.profile).isEqualTo(Profile.AWS_STRICT);
    assertThat(config.kafka.bootstrap).isEqualTo("kafka-1:9092,kafka-2:9092");
    assertThat(config.kafka.replicationFactor).isEqualTo((short) 3);
    assertThat(config.kafka.producer).containsExactly(Map.entry("linger.ms", "5"), Map.entry("compression.type", "lz4"));
    assertThat(config.listeners.mqttTls).isEqualTo(-1);
    assertThat(config.listeners.https).isEqualTo(9443);
    assertThat(config.tls.keyFile).isEqualTo("/etc/tributary/server.key");
    assertThat(config.mqtt.maxPayloadBytes).isEqualTo(1000);
    assertThat(config.mqtt.maxPendingProduceBytes).isEqualTo(1_048_576L);
    assertThat(config.mqtt.maxTopicBytes).isEqualTo(256);
    assertThat(config.shadow.restTimeoutMillis).isEqualTo(5000L);
    assertThat(config.rules.idleStopAfterSeconds).isEqualTo(30L);
  }

  @Test
  void theRulesJobStopsAfterTenIdleSecondsUnlessConfigured() {
    assertThat(new ConfigLoader().load().rules.idleStopAfterSeconds).isEqualTo(10L);
    assertThat(new ConfigLoader().assignment("rules.idleStopAfterSeconds=0").load().rules.idleStopAfterSeconds).isZero();
    assertThat(new ConfigLoader()
        .environment(Map.of("TRIBUTARY_RULES_IDLE_STOP_AFTER_SECONDS", "120"))
        .load().rules.idleStopAfterSeconds).isEqualTo(120L);
  }

  @Test
  void aNegativeIdleStopIsRefusedWhicheverLayerSetsIt() {
    assertThatThrownBy(() -> new ConfigLoader().assignment("rules.idleStopAfterSeconds=-1"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("invalid value '-1' for 'rules.idleStopAfterSeconds' (from --set rules.idleStopAfterSeconds=-1): "
            + "expected a whole number of at least 0");
    assertThatThrownBy(() -> new ConfigLoader().file(resource("config/negative-value.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("invalid value '-1' for 'rules.idleStopAfterSeconds' (from configuration file ");
  }

  @Test
  void laterLayersOverrideEarlierOnes() {
    TributaryConfig config = new ConfigLoader()
        .file(resource("config/partial.yaml"))
        .environment(Map.of("TRIBUTARY_LISTENERS_MQTT", "3883", "TRIBUTARY_LISTENERS_HTTP", "8081",
            "TRIBUTARY_KAFKA_PRODUCER_ACKS", "all"))
        .set("node.dev", "true", "--dev")
        .assignment("listeners.mqtt=4883")
        .load();

    assertThat(config.listeners.mqtt).isEqualTo(4883);
    assertThat(config.listeners.http).isEqualTo(8081);
    assertThat(config.node.dev).isTrue();
    assertThat(config.kafka.producer).containsEntry("linger.ms", "20").containsEntry("acks", "all");
    assertThat(config.listeners.mqttTls).isEqualTo(8883);
  }

  @Test
  void anEmptyValueClearsAnOptionalKey() {
    TributaryConfig config = new ConfigLoader()
        .file(resource("config/full.yaml"))
        .assignment("kafka.bootstrap=")
        .load();

    assertThat(config.kafka.bootstrap).isNull();
  }

  @Test
  void aValueMayContainEqualsSigns() {
    TributaryConfig config = new ConfigLoader().assignment("kafka.producer.client.id=a=b").load();

    assertThat(config.kafka.producer).containsEntry("client.id", "a=b");
  }

  @Test
  void variablesOutsideTheConfigurationAreIgnored() {
    TributaryConfig config = new ConfigLoader()
        .environment(Map.of("PATH", "/bin", "TRIBUTARY_JAVA_OPTS", "-Xmx1g", "TRIBUTARY_MVN_ARGS", "-o", "HOME", "/root"))
        .load();

    assertThat(tree(config)).isEqualTo(tree(TributaryConfig.defaults()));
  }

  @ParameterizedTest(name = "{0}={1} sets {2}")
  @CsvFileSource(resources = "/environment-cases.csv")
  void environmentVariablesMapOntoKeys(String variable, String value, String pointer, String expected) {
    TributaryConfig config = new ConfigLoader().environment(Map.of(variable, value)).load();

    JsonNode bound = tree(config).at(pointer);
    assertThat(bound.isMissingNode()).as(pointer).isFalse();
    assertThat(bound.asText()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvFileSource(resources = "/error-cases.csv")
  void errorsNameTheKeyAndItsSource(String layer, String input, String fragment) {
    ConfigLoader loader = new ConfigLoader();

    assertThatThrownBy(() -> apply(loader, layer, input).load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(fragment);
  }

  private static ConfigLoader apply(ConfigLoader loader, String layer, String input) {
    return switch (layer) {
      case "file" -> loader.file(resource(input));
      case "env" -> loader.environment(Map.of(input.substring(0, input.indexOf('=')), input.substring(input.indexOf('=') + 1)));
      case "set" -> loader.assignment(input);
      default -> throw new IllegalArgumentException(layer);
    };
  }

  @Test
  void aCopyIsIndependentOfItsOriginal() {
    TributaryConfig original = new ConfigLoader().file(resource("config/full.yaml")).load();
    TributaryConfig copy = ConfigLoader.copy(original);
    copy.listeners.host = "127.0.0.1";
    copy.kafka.producer.put("acks", "1");

    assertThat(original.listeners.host).isEqualTo("10.0.0.5");
    assertThat(original.kafka.producer).doesNotContainKey("acks");
    assertThat(copy.node.id).isEqualTo("node-a");
  }
}
