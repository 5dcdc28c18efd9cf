package io.tributary.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Reads device shadows for {@code get_thing_shadow(thingName [, shadowName], roleArn)}. The
 * shadow module implements it; a rule that calls the function compiles only when one is given in
 * {@link Lookups}. Implementations are called on the evaluating thread and must be thread-safe.
 */
@FunctionalInterface
public interface ShadowReader {

  /**
   * The shadow document as returned by GetThingShadow, or empty when the thing or shadow does not
   * exist (the function then returns Undefined).
   *
   * @param shadowName the named shadow, or null for the classic shadow
   */
  Optional<JsonNode> read(String thingName, String shadowName);
}
