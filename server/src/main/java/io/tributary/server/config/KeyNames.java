package io.tributary.server.config;

import java.util.Locale;

/** Spelling of configuration keys: {@code maxPayloadBytes} in files and flags, {@code MAX_PAYLOAD_BYTES} in the environment. */
final class KeyNames {
  private KeyNames() {}

  /** {@code maxPayloadBytes} → {@code MAX_PAYLOAD_BYTES}. */
  static String upperSnake(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 8);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        out.append('_');
      }
      out.append(Character.toUpperCase(c));
    }
    return out.toString();
  }

  /** {@code MAX_PAYLOAD_BYTES} → {@code maxPayloadBytes}. */
  static String camel(String upperSnake) {
    StringBuilder out = new StringBuilder(upperSnake.length());
    boolean upper = false;
    for (char c : upperSnake.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        upper = out.length() > 0;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  /** A Kafka client property from its environment spelling: {@code LINGER_MS} → {@code linger.ms}. */
  static String property(String upperSnake) {
    return upperSnake.toLowerCase(Locale.ROOT).replace('_', '.');
  }
}
