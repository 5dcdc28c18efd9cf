package io.tributary.server.shadow;

import io.tributary.shadow.RestResponse;
import io.tributary.streams.shadow.RestEnvelopes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** Writes REST answers the AWS way: JSON body, {@code x-amzn-ErrorType} on errors, {@code x-amzn-RequestId}. */
final class Answers {
  static final String REQUEST_ID = "x-amzn-RequestId";
  static final String ERROR_TYPE = "x-amzn-ErrorType";

  private Answers() {}

  static void send(RoutingContext rc, RestResponse response, String requestId) {
    send(rc, response.status(), response.errorType(), Buffer.buffer(response.body()), requestId);
  }

  static void send(RoutingContext rc, RestEnvelopes.Reply reply, String requestId) {
    send(rc, reply.status(), reply.errorType(), Buffer.buffer(reply.body()), requestId);
  }

  static void error(RoutingContext rc, int status, String type, String message, String requestId) {
    send(rc, status, Optional.of(type), new JsonObject().put("message", message).toBuffer(), requestId);
  }

  static void unavailable(RoutingContext rc, String message, String requestId) {
    error(rc, 503, "ServiceUnavailableException", message, requestId);
  }

  static void send(RoutingContext rc, int status, Optional<String> errorType, Buffer body, String requestId) {
    if (rc.response().ended()) {
      return;
    }
    rc.response().setStatusCode(status)
        .putHeader("content-type", "application/json")
        .putHeader(REQUEST_ID, requestId);
    errorType.ifPresent(type -> rc.response().putHeader(ERROR_TYPE, type));
    rc.response().end(body);
  }
}
