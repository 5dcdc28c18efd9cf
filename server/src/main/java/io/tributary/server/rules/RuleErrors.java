package io.tributary.server.rules;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** AWS IoT control-plane error answers: status, {@code x-amzn-ErrorType} and {@code {"message":…}}. */
final class RuleErrors {
  static final String INVALID_REQUEST = "InvalidRequestException";
  static final String UNAUTHORIZED = "UnauthorizedException";
  static final String ALREADY_EXISTS = "ResourceAlreadyExistsException";
  static final String INTERNAL = "InternalException";

  private RuleErrors() {}

  static void send(RoutingContext rc, String type, String message) {
    int status = switch (type) {
      case UNAUTHORIZED -> 401;
      case ALREADY_EXISTS -> 409;
      case INTERNAL -> 500;
      default -> 400;
    };
    JsonObject body = new JsonObject().put("message", message);
    rc.response().setStatusCode(status)
        .putHeader("x-amzn-ErrorType", type)
        .putHeader("content-type", "application/json")
        .end(body.encode());
  }

  /** Real AWS answers a missing rule with this rather than ResourceNotFoundException. */
  static void missing(RoutingContext rc, String name) {
    send(rc, UNAUTHORIZED, "Access to topic rule '" + name + "' was denied");
  }
}
