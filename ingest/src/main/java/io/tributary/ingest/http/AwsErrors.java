package io.tributary.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** AWS-style error responses: status, {@code x-amzn-ErrorType} and {@code {"message": ...}}. */
final class AwsErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AwsErrors() {}

  static void send(RoutingContext rc, int status, String type, String message) {
    String requestId = UUID.randomUUID().toString();
    ObjectNode body = JSON.createObjectNode();
    body.put("message", message);
    body.put("traceId", requestId);
    rc.response().setStatusCode(status)
        .putHeader("content-type", "application/json")
        .putHeader("x-amzn-ErrorType", type)
        .putHeader("x-amzn-RequestId", requestId)
        .end(body.toString());
  }

  static void badRequest(RoutingContext rc, String message) {
    send(rc, 400, "InvalidRequestException", message);
  }
}
