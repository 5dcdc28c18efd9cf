package io.tributary.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Shadow and registry readers with fixed answers, for the lookup-function cases. */
final class TestLookups {

  private static final JsonNode SHADOW = parse(
      "{\"state\":{\"reported\":{\"alarm\":true,\"temp\":21.5}},\"version\":7}");
  private static final JsonNode NAMED = parse("{\"state\":{\"desired\":{\"mode\":\"eco\"}}}");
  private static final JsonNode THING = parse(
      "{\"thingName\":\"pump-1\",\"attributes\":{\"site\":\"north\"},\"version\":3}");

  private TestLookups() {}

  static Lookups fixed() {
    return Lookups.none()
        .withShadowReader((thing, shadow) -> !thing.equals("pump-1") ? Optional.empty()
            : Optional.of(shadow == null ? SHADOW : NAMED))
        .withRegistryReader((api, thing) -> api.equals("DescribeThing") && thing.equals("pump-1")
            ? Optional.of(THING) : Optional.empty());
  }

  /** No readers, unless the case says {@code "lookups": true}. */
  static Lookups none(SqlCase c) {
    return c.node().path("lookups").asBoolean(false) ? fixed() : Lookups.none();
  }

  private static JsonNode parse(String json) {
    try {
      return CaseFiles.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
