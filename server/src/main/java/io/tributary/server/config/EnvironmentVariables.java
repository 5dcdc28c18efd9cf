package io.tributary.server.config;

import java.util.Map;
import java.util.Set;

/**
 * Maps {@code TRIBUTARY_<SECTION>_<FIELD>} environment variables onto configuration paths:
 * {@code TRIBUTARY_LISTENERS_MQTT_TLS} → {@code listeners.mqttTls}; map entries take the rest of
 * the name as a dotted property, {@code TRIBUTARY_KAFKA_PRODUCER_LINGER_MS} →
 * {@code kafka.producer.linger.ms}. Variables that the launcher script reads are not configuration.
 */
final class EnvironmentVariables {
  static final String PREFIX = "TRIBUTARY_";
  /** Read by the {@code tributary} launcher script, not by the node. */
  static final Set<String> NOT_CONFIGURATION = Set.of("TRIBUTARY_JAVA_OPTS", "TRIBUTARY_MVN_ARGS");

  private EnvironmentVariables() {}

  /** True when {@code name} is meant to configure the node. */
  static boolean isConfiguration(String name) {
    return name.startsWith(PREFIX) && !NOT_CONFIGURATION.contains(name);
  }

  /** The dotted configuration path {@code name} sets; fails naming the variable when no key matches. */
  static String pathOf(String name, ConfigSchema root) {
    String rest = name.substring(PREFIX.length());
    String path = find(rest, root, "");
    if (path == null) {
      throw new ConfigException("unknown configuration key '" + guess(rest, root) + "' (from environment variable "
          + name + "); known sections: " + String.join(", ", root.children().keySet()));
    }
    return path;
  }

  private static String find(String rest, ConfigSchema section, String prefix) {
    for (Map.Entry<String, ConfigSchema> child : section.children().entrySet()) {
      if (child.getValue().kind() == ConfigSchema.Kind.VALUE && rest.equals(KeyNames.upperSnake(child.getKey()))) {
        return prefix + child.getKey();
      }
    }
    for (Map.Entry<String, ConfigSchema> child : section.children().entrySet()) {
      String head = KeyNames.upperSnake(child.getKey()) + "_";
      if (!rest.startsWith(head) || rest.length() == head.length()) {
        continue;
      }
      String tail = rest.substring(head.length());
      switch (child.getValue().kind()) {
        case MAP:
          return prefix + child.getKey() + "." + KeyNames.property(tail);
        case SECTION:
          String found = find(tail, child.getValue(), prefix + child.getKey() + ".");
          if (found != null) {
            return found;
          }
          break;
        default:
          break;
      }
    }
    return null;
  }

  /** The path the user probably meant, for the error message: {@code MQTT_MAX_PAYLOAD} → {@code mqtt.maxPayload}. */
  private static String guess(String rest, ConfigSchema root) {
    for (String section : root.children().keySet()) {
      String head = KeyNames.upperSnake(section) + "_";
      if (rest.startsWith(head)) {
        return section + "." + KeyNames.camel(rest.substring(head.length()));
      }
    }
    return KeyNames.camel(rest);
  }
}
