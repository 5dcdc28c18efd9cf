package io.tributary.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tributary.core.config.TributaryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link TributaryConfig} from layers, each overriding the ones added before it:
 * defaults, then a YAML file, then environment variables, then command-line flags.
 *
 * <pre>{@code
 * TributaryConfig config = new ConfigLoader()
 *     .file(Path.of("tributary.yaml"))
 *     .environment(System.getenv())
 *     .set("node.dev", "true", "--dev")
 *     .assignment("mqtt.maxPayloadBytes=1000")
 *     .load();
 * }</pre>
 *
 * Every key is checked when its layer is added: an unknown key or a bad value throws a
 * {@link ConfigException} naming the key and its source.
 */
public final class ConfigLoader {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ConfigSchema SCHEMA = ConfigSchema.of(TributaryConfig.class);

  private final ConfigTree tree = new ConfigTree(MAPPER, SCHEMA);

  /** Merges a YAML file; keys are the field names of {@link TributaryConfig}'s sections. */
  public ConfigLoader file(Path file) {
    String source = "configuration file " + file;
    try {
      tree.merge(YAML.readTree(Files.readString(file)), source);
    } catch (NoSuchFileException e) {
      throw new ConfigException("configuration file not found: " + file.toAbsolutePath());
    } catch (JsonProcessingException e) {
      throw new ConfigException("cannot parse " + source + ": " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + source + ": " + e.getMessage(), e);
    }
    return this;
  }

  /** Applies the {@code TRIBUTARY_<SECTION>_<FIELD>} variables of {@code environment}, in name order. */
  public ConfigLoader environment(Map<String, String> environment) {
    for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
      if (EnvironmentVariables.isConfiguration(e.getKey())) {
        String path = EnvironmentVariables.pathOf(e.getKey(), SCHEMA);
        tree.set(path, e.getValue(), "environment variable " + e.getKey());
      }
    }
    return this;
  }

  /** Sets one dotted key ({@code listeners.mqtt}) to a value; {@code source} names it in errors. */
  public ConfigLoader set(String path, String value, String source) {
    tree.set(path, value, source);
    return this;
  }

  /** Applies a {@code path=value} assignment as given to {@code --set}. */
  public ConfigLoader assignment(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException("--set expects key=value, got '" + assignment + "'");
    }
    return set(assignment.substring(0, eq).trim(), assignment.substring(eq + 1), "--set " + assignment);
  }

  /** The configuration: every key not set by a layer keeps its default. */
  public TributaryConfig load() {
    return tree.bind(TributaryConfig.class);
  }

  /** The merged layers as a tree (only keys that some layer set). */
  public JsonNode overrides() {
    return tree.snapshot();
  }

  /** A deep copy of {@code config}, so a node can adjust its own copy. */
  public static TributaryConfig copy(TributaryConfig config) {
    return MAPPER.convertValue(MAPPER.valueToTree(config), TributaryConfig.class);
  }
}
