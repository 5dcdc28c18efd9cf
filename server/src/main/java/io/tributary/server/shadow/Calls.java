package io.tributary.server.shadow;

import io.tributary.ingest.auth.ConnectInfo;
import io.tributary.ingest.auth.Action;
import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.broker.BrokerContext;
import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowNames;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** What every shadow call reads from its HTTP request: the shadow addressed and who calls. */
final class Calls {
  /** Set on a read forwarded by another node, so it is never forwarded twice. */
  static final String FORWARDED = "x-tributary-forwarded";

  private Calls() {}

  /** {@code /things/{thingName}/shadow?name=…}: the classic shadow without {@code name}. */
  static ShadowId shadow(RoutingContext rc) {
    String thing = rc.pathParam("thingName");
    String name = rc.queryParams().get("name");
    return name == null ? ShadowId.classic(thing) : ShadowId.named(thing, name);
  }

  /** True if the names are valid; invalid ones are answered by the service without a store. */
  static boolean validNames(ShadowId shadow) {
    return ShadowNames.isValidThingName(shadow.thingName())
        && (shadow.isClassic() || ShadowNames.isValidShadowName(shadow.shadowName()));
  }

  /**
   * The caller, authenticated and allowed {@code action} on {@code thing}; answers 401 or 403
   * itself and fails when refused. Shadow access over MQTT is governed by the topic permissions.
   */
  static Future<Principal> authorize(BrokerContext broker, RoutingContext rc, String requestId, Action action,
      String thing) {
    return authenticate(broker, rc, requestId).compose(principal -> {
      if (broker.authorizer().allowed(principal, "", action, thing)) {
        return Future.succeededFuture(principal);
      }
      Answers.error(rc, 403, "ForbiddenException", "Not authorized to " + action.name() + " on " + thing, requestId);
      return Future.failedFuture("not authorized");
    });
  }

  /** The caller, through the gateway's authenticator; answers 401 itself and fails when refused. */
  static Future<Principal> authenticate(BrokerContext broker, RoutingContext rc, String requestId) {
    String remote = rc.request().remoteAddress() == null ? "" : rc.request().remoteAddress().hostAddress();
    ConnectInfo info = new ConnectInfo("", null, null, remote, List.of(), "http");
    return broker.authenticator().authenticate(info).transform(ar -> {
      if (ar.succeeded() && ar.result().allowed()) {
        return Future.succeededFuture(ar.result().principal());
      }
      Answers.error(rc, 401, "UnauthorizedException", "Unauthorized", requestId);
      return Future.failedFuture("not authenticated");
    });
  }
}
