package io.tributary.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * The configuration being assembled, as a JSON tree checked against a {@link ConfigSchema}.
 * Every layer merged or value set is validated on arrival, so an error names its source.
 */
final class ConfigTree {
  private final ObjectMapper mapper;
  private final ConfigSchema schema;
  private final ObjectNode root = JsonNodeFactory.instance.objectNode();

  ConfigTree(ObjectMapper mapper, ConfigSchema schema) {
    this.mapper = mapper;
    this.schema = schema;
  }

  /** Deep-merges a whole document (a YAML file) over what is there. */
  void merge(JsonNode document, String source) {
    if (document == null || document.isMissingNode() || document.isNull()) {
      return;
    }
    mergeSection(root, document, schema, "", source);
  }

  private void mergeSection(ObjectNode target, JsonNode overlay, ConfigSchema section, String prefix, String source) {
    if (!overlay.isObject()) {
      String where = prefix.isEmpty() ? "the top level" : "'" + prefix.substring(0, prefix.length() - 1) + "'";
      throw new ConfigException("expected keys at " + where + " (from " + source + "), found " + overlay.getNodeType());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey();
      String path = prefix + key;
      ConfigSchema child = section.child(key);
      if (child == null) {
        throw unknown(path, section, prefix, source);
      }
      JsonNode value = entry.getValue();
      switch (child.kind()) {
        case SECTION -> {
          if (!value.isNull()) {
            mergeSection(target.withObjectProperty(key), value, child, path + ".", source);
          }
        }
        case MAP -> mergeMap(target.withObjectProperty(key), value, path, source);
        case VALUE -> target.set(key, checked(value, child, path, source));
      }
    }
  }

  private void mergeMap(ObjectNode target, JsonNode overlay, String path, String source) {
    if (overlay.isNull()) {
      return;
    }
    if (!overlay.isObject()) {
      throw new ConfigException("expected 'property: value' entries at '" + path + "' (from " + source + ")");
    }
    overlay.fields().forEachRemaining(e ->
        target.set(e.getKey(), checked(e.getValue(), String.class, path + "." + e.getKey(), source)));
  }

  /** Sets one dotted path to a textual value; an empty value clears an optional key. */
  void set(String path, String value, String source) {
    String[] segments = path.split("\\.", -1);
    ConfigSchema section = schema;
    ObjectNode target = root;
    for (int i = 0; i < segments.length; i++) {
      String prefix = String.join(".", Arrays.copyOf(segments, i));
      ConfigSchema child = section.child(segments[i]);
      if (child == null) {
        throw unknown(path, section, prefix.isEmpty() ? "" : prefix + ".", source);
      }
      boolean last = i == segments.length - 1;
      switch (child.kind()) {
        case MAP -> {
          String property = String.join(".", Arrays.copyOfRange(segments, i + 1, segments.length));
          if (property.isEmpty()) {
            throw new ConfigException("'" + path + "' is a map (from " + source + "): set one entry, as "
                + path + ".<property>=<value>");
          }
          target.withObjectProperty(segments[i]).put(property, value);
          return;
        }
        case SECTION -> {
          if (last) {
            throw new ConfigException("'" + path + "' is a section, not a value (from " + source + "); its keys: "
                + String.join(", ", child.children().keySet()));
          }
          section = child;
          target = target.withObjectProperty(segments[i]);
        }
        case VALUE -> {
          if (!last) {
            throw unknown(path, section, prefix.isEmpty() ? "" : prefix + ".", source);
          }
          JsonNode node = value.isEmpty() ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(value);
          target.set(segments[i], checked(node, child, path, source));
        }
      }
    }
  }

  private JsonNode checked(JsonNode value, ConfigSchema key, String path, String source) {
    checked(value, key.type(), path, source);
    Long minimum = key.minimum();
    if (minimum != null && !value.isNull() && mapper.convertValue(value, long.class) < minimum) {
      throw new ConfigException("invalid value '" + value.asText() + "' for '" + path + "' (from " + source + "): expected "
          + ValueTypes.describe(key.type(), mapper) + " of at least " + minimum);
    }
    return value;
  }

  private JsonNode checked(JsonNode value, Type type, String path, String source) {
    if (value.isNull() && type instanceof Class<?> c && c.isPrimitive()) {
      throw new ConfigException("'" + path + "' needs a value (from " + source + ")");
    }
    if (value.isContainerNode()) {
      throw new ConfigException("'" + path + "' takes a single value, not " + value.getNodeType() + " (from " + source + ")");
    }
    try {
      mapper.convertValue(value, mapper.constructType(type));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid value '" + value.asText() + "' for '" + path + "' (from " + source + "): expected "
          + ValueTypes.describe(type, mapper) + ValueTypes.reason(type, e));
    }
    return value;
  }

  private static ConfigException unknown(String path, ConfigSchema section, String prefix, String source) {
    String where = prefix.isEmpty() ? "sections" : "keys of " + prefix.substring(0, prefix.length() - 1);
    return new ConfigException("unknown configuration key '" + path + "' (from " + source + "); " + where + ": "
        + String.join(", ", section.children().keySet()));
  }

  /** Binds the tree; keys never set keep the defaults of {@code type}. */
  <T> T bind(Class<T> type) {
    try {
      return mapper.treeToValue(root, type);
    } catch (Exception e) {
      throw new ConfigException("invalid configuration: " + e.getMessage(), e);
    }
  }

  /** A copy of the tree as merged so far, for diagnostics and tests. */
  ObjectNode snapshot() {
    return root.deepCopy();
  }
}
