package io.tributary.server.config;

import io.tributary.core.config.Minimum;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of a configuration class, read from its public fields: sections (nested beans of the
 * same package), maps with free-form keys (extra Kafka client properties), and scalar values, with
 * the smallest value a number accepts when its field is annotated {@link Minimum}.
 */
final class ConfigSchema {
  enum Kind { SECTION, MAP, VALUE }

  private final Kind kind;
  private final Type type;
  private final Map<String, ConfigSchema> children;
  private final Long minimum;

  private ConfigSchema(Kind kind, Type type, Map<String, ConfigSchema> children, Long minimum) {
    this.kind = kind;
    this.type = type;
    this.children = children;
    this.minimum = minimum;
  }

  /** The schema of {@code root}, a class whose public fields are its keys. */
  static ConfigSchema of(Class<?> root) {
    Map<String, ConfigSchema> children = new LinkedHashMap<>();
    for (Field field : root.getFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      children.put(field.getName(), describe(root, field));
    }
    return new ConfigSchema(Kind.SECTION, root, Collections.unmodifiableMap(children), null);
  }

  private static ConfigSchema describe(Class<?> owner, Field field) {
    Class<?> raw = field.getType();
    if (Map.class.isAssignableFrom(raw)) {
      return new ConfigSchema(Kind.MAP, field.getGenericType(), Map.of(), null);
    }
    boolean section = !raw.isEnum() && !raw.isPrimitive() && raw.getPackage() == owner.getPackage();
    if (section) {
      return of(raw);
    }
    Minimum minimum = field.getAnnotation(Minimum.class);
    return new ConfigSchema(Kind.VALUE, field.getGenericType(), Map.of(), minimum == null ? null : minimum.value());
  }

  Kind kind() {
    return kind;
  }

  /** The Java type a value must convert to. */
  Type type() {
    return type;
  }

  /** The smallest value a number accepts, or null when any value of its type is accepted. */
  Long minimum() {
    return minimum;
  }

  /** The keys of a section, in declaration order. */
  Map<String, ConfigSchema> children() {
    return children;
  }

  /** The child named {@code key} of this section, or null. */
  ConfigSchema child(String key) {
    return children.get(key);
  }
}
