package io.tributary.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tributary.core.config.TributaryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/configuration.md and config/tributary.example.yaml keep up with the configuration model. */
class DocumentationTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path DOC = ROOT.resolve("docs/configuration.md");
  private static final Path EXAMPLE = ROOT.resolve("config/tributary.example.yaml");

  @Test
  void theReferenceDocumentsEveryKey() throws Exception {
    String doc = Files.readString(DOC);

    assertThat(keys(ConfigSchema.of(TributaryConfig.class), "")).allSatisfy(key ->
        assertThat(doc).as("docs/configuration.md documents " + key).contains("| `" + key + "` |"));
  }

  @Test
  void theExampleFileLoadsAndHoldsTheDefaults() {
    ObjectMapper json = new ObjectMapper();
    TributaryConfig example = new ConfigLoader().file(EXAMPLE).load();

    assertThat((Object) json.valueToTree(example)).isEqualTo(json.valueToTree(TributaryConfig.defaults()));
  }

  @Test
  void theExampleFileWritesOutEveryKeyThatHasADefault() throws Exception {
    JsonNode written = new YAMLMapper().readTree(Files.readString(EXAMPLE));
    JsonNode defaults = new ObjectMapper().valueToTree(TributaryConfig.defaults());

    assertThat(keys(ConfigSchema.of(TributaryConfig.class), "")).allSatisfy(key -> {
      String pointer = "/" + key.replace('.', '/');
      if (!defaults.at(pointer).isNull()) {
        assertThat(written.at(pointer).isMissingNode()).as("example sets " + key).isFalse();
      }
    });
  }

  private static List<String> keys(ConfigSchema section, String prefix) {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, ConfigSchema> child : section.children().entrySet()) {
      if (child.getValue().kind() == ConfigSchema.Kind.SECTION) {
        keys.addAll(keys(child.getValue(), prefix + child.getKey() + "."));
      } else {
        keys.add(prefix + child.getKey());
      }
    }
    return keys;
  }
}
