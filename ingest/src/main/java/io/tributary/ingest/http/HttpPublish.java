package io.tributary.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.TraceIds;
import io.tributary.core.envelope.Mqtt5Properties;
import io.tributary.core.envelope.Mqtt5Properties.UserProperty;
import io.tributary.core.topic.InternalTopics;
import io.tributary.core.topic.TopicError;
import io.tributary.core.topic.Topics;
import io.tributary.ingest.auth.Action;
import io.tributary.ingest.auth.ConnectInfo;
import io.tributary.ingest.broker.BrokerContext;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * AWS IoT's Publish API: {@code POST /topics/{topic}?qos=&retain=&contentType=&responseTopic=&messageExpiry=}.
 * Answers 200 {@code {"message":"OK","traceId":...}} once Kafka acknowledged the message.
 */
final class HttpPublish {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "/topics/";

  private final BrokerContext broker;

  HttpPublish(BrokerContext broker) {
    this.broker = broker;
  }

  void handle(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    String rawPath = req.path();
    String topic = PercentDecoder.decode(rawPath.substring(rawPath.indexOf(PREFIX) + PREFIX.length()));
    if (topic == null) {
      AwsErrors.badRequest(rc, "malformed percent-encoding in the topic");
      return;
    }
    TopicError err = Topics.validateName(topic, broker.topicLimits());
    if (err != null) {
      AwsErrors.badRequest(rc, "invalid topic: " + err.message());
      return;
    }
    if (InternalTopics.isInternal(topic)) {
      AwsErrors.send(rc, 403, "ForbiddenException", "topics under $tributary/ are reserved");
      return;
    }
    int qos;
    try {
      qos = Integer.parseInt(param(req, "qos", "0"));
    } catch (NumberFormatException e) {
      AwsErrors.badRequest(rc, "qos must be 0 or 1");
      return;
    }
    if (qos < 0 || qos > 1) {
      AwsErrors.badRequest(rc, "qos must be 0 or 1");
      return;
    }
    String retainParam = param(req, "retain", "false");
    if (!retainParam.equals("true") && !retainParam.equals("false")) {
      AwsErrors.badRequest(rc, "retain must be true or false");
      return;
    }
    boolean retain = Boolean.parseBoolean(retainParam);
    Mqtt5Properties props;
    try {
      props = properties(req);
    } catch (IllegalArgumentException e) {
      AwsErrors.badRequest(rc, e.getMessage());
      return;
    }
    byte[] payload = rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
    ConnectInfo info = new ConnectInfo("", null, null, req.remoteAddress() == null ? "" : req.remoteAddress().hostAddress(),
        List.of(), "http");
    broker.authenticator().authenticate(info).onComplete(ar -> {
      if (ar.failed() || !ar.result().allowed()) {
        AwsErrors.send(rc, 401, "UnauthorizedException", "not authenticated");
        return;
      }
      var principal = ar.result().principal();
      if (!broker.authorizer().allowed(principal, "", Action.PUBLISH, topic)
          || (retain && !broker.authorizer().allowed(principal, "", Action.RETAIN_PUBLISH, topic))) {
        AwsErrors.send(rc, 403, "ForbiddenException", "not authorized to publish to " + topic);
        return;
      }
      String traceId = TraceIds.next();
      Envelope e = new Envelope(topic, payload, qos, retain, "", principal.id(), principal.thingName(), broker.now(),
          Envelope.Origin.HTTP, props, broker.nodeId(), traceId);
      broker.publisher().publish(e, Vertx.currentContext()).onComplete(done -> {
        if (done.failed()) {
          AwsErrors.send(rc, 503, "ServiceUnavailableException", "message not stored: " + done.cause().getMessage());
          return;
        }
        rc.response().setStatusCode(200)
            .putHeader("content-type", "application/json")
            .putHeader("x-amzn-RequestId", traceId)
            .end("{\"message\":\"OK\",\"traceId\":\"" + traceId + "\"}");
      });
    });
  }

  private static String param(HttpServerRequest req, String name, String dflt) {
    String v = req.getParam(name);
    return v == null ? dflt : v;
  }

  private static Mqtt5Properties properties(HttpServerRequest req) {
    String contentType = req.getParam("contentType");
    String responseTopic = req.getParam("responseTopic");
    Long expiry = null;
    String exp = req.getParam("messageExpiry");
    if (exp != null) {
      try {
        expiry = Long.parseLong(exp);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("messageExpiry must be a number of seconds");
      }
    }
    Integer format = null;
    String pfi = req.getHeader("x-amz-mqtt5-payload-format-indicator");
    if (pfi != null) {
      format = switch (pfi) {
        case "UNSPECIFIED_BYTES" -> 0;
        case "UTF8_DATA" -> 1;
        default -> throw new IllegalArgumentException("x-amz-mqtt5-payload-format-indicator must be UNSPECIFIED_BYTES or UTF8_DATA");
      };
    }
    byte[] correlation = null;
    String cd = req.getHeader("x-amz-mqtt5-correlation-data");
    if (cd != null) {
      correlation = base64(cd, "x-amz-mqtt5-correlation-data");
    }
    List<UserProperty> users = new ArrayList<>();
    String up = req.getHeader("x-amz-mqtt5-user-properties");
    if (up != null) {
      try {
        JsonNode arr = JSON.readTree(new String(base64(up, "x-amz-mqtt5-user-properties"), StandardCharsets.UTF_8));
        if (!arr.isArray()) {
          throw new IllegalArgumentException("x-amz-mqtt5-user-properties must be a JSON array");
        }
        for (JsonNode pair : arr) {
          for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) pair::fields) {
            users.add(new UserProperty(f.getKey(), f.getValue().asText()));
          }
        }
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("x-amz-mqtt5-user-properties is not base64 of a JSON array");
      }
    }
    return new Mqtt5Properties(contentType, format, responseTopic, correlation, expiry, users);
  }

  private static byte[] base64(String v, String header) {
    try {
      return Base64.getDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(header + " is not valid base64");
    }
  }
}
