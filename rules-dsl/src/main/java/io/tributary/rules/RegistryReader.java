package io.tributary.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Reads the thing registry for {@code get_registry_data(registryAPI, thingName, roleArn)}. The
 * registry module implements it; a rule that calls the function compiles only when one is given
 * in {@link Lookups}. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RegistryReader {

  /**
   * The response of the named registry API for the thing (for {@code "DescribeThing"}: the
   * DescribeThing response), or empty when unknown (the function then returns Undefined).
   */
  Optional<JsonNode> read(String registryApi, String thingName);
}
