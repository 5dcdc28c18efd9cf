package io.tributary.server.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Human words for the value types of configuration keys, for error messages. */
final class ValueTypes {
  private ValueTypes() {}

  static String describe(Type type, ObjectMapper mapper) {
    if (type == int.class || type == long.class || type == short.class
        || type == Integer.class || type == Long.class || type == Short.class) {
      return "a whole number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type instanceof Class<?> c && c.isEnum()) {
      return "one of " + Arrays.stream(c.getEnumConstants()).map(v -> mapper.convertValue(v, String.class)).collect(Collectors.joining(", "));
    }
    if (type == String.class) {
      return "a string";
    }
    return type.getTypeName();
  }

  /** The root cause's message when it explains more than Jackson's wrapper does. */
  static String reason(Type type, Throwable e) {
    if (type instanceof Class<?> c && c.isEnum()) {
      return "";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root instanceof IllegalArgumentException && root != e ? " (" + root.getMessage() + ")" : "";
  }
}
