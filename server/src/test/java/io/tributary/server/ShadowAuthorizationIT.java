package io.tributary.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.TributaryConfig;
import io.tributary.ingest.auth.Action;
import io.tributary.ingest.auth.Authorizer;
import io.tributary.server.ShadowClients.Rest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shadow REST API asks the authorizer for iot:GetThingShadow, UpdateThingShadow, DeleteThingShadow, ListNamedShadowsForThing. */
class ShadowAuthorizationIT {
  private static final Set<Action> SHADOW_ACTIONS = EnumSet.of(Action.GET_THING_SHADOW, Action.UPDATE_THING_SHADOW,
      Action.DELETE_THING_SHADOW, Action.LIST_NAMED_SHADOWS);

  @TempDir
  static Path dir;
  static TributaryNode node;
  static Rest rest;

  @BeforeAll
  static void start() {
    TributaryConfig config = TestNodes.devConfig(dir.resolve("node"));
    config.shadow.enabled = true;
    // Everything is allowed except the shadow actions on the thing "vault".
    Authorizer authorizer = (principal, clientId, action, resource) ->
        !(SHADOW_ACTIONS.contains(action) && resource.equals("vault"));
    node = TributaryNode.start(config, authorizer);
    assertTrue(node.shadowJob().awaitRunning(Duration.ofSeconds(60)));
    rest = new Rest(node);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void refusedActionsGet403AndAllowedOnesProceed() throws Exception {
    String doc = "{\"state\":{\"reported\":{\"open\":false}}}";
    assertForbidden(rest.post("/things/vault/shadow", doc));
    assertForbidden(rest.get("/things/vault/shadow"));
    assertForbidden(rest.delete("/things/vault/shadow?name=door"));
    assertForbidden(rest.get("/api/things/shadow/ListNamedShadowsForThing/vault"));

    assertEquals(200, rest.post("/things/porch/shadow", doc).statusCode());
    assertEquals(200, rest.get("/things/porch/shadow").statusCode());
    assertEquals(200, rest.get("/api/things/shadow/ListNamedShadowsForThing/porch").statusCode());
  }

  private static void assertForbidden(HttpResponse<String> r) {
    assertEquals(403, r.statusCode(), r.body());
    assertEquals("ForbiddenException", r.headers().firstValue("x-amzn-ErrorType").orElse(""));
  }
}
