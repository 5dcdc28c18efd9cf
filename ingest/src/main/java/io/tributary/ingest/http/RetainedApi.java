package io.tributary.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.envelope.Envelope;
import io.tributary.ingest.broker.BrokerContext;
import io.tributary.ingest.retained.RetainedStore;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** AWS IoT's ListRetainedMessages and GetRetainedMessage, served from the node's retained view. */
final class RetainedApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BrokerContext broker;

  RetainedApi(BrokerContext broker) {
    this.broker = broker;
  }

  void list(RoutingContext rc) {
    int max;
    try {
      String m = rc.request().getParam("maxResults");
      max = m == null ? 200 : Integer.parseInt(m);
    } catch (NumberFormatException e) {
      AwsErrors.badRequest(rc, "maxResults must be a number from 1 to 200");
      return;
    }
    if (max < 1 || max > 200) {
      AwsErrors.badRequest(rc, "maxResults must be a number from 1 to 200");
      return;
    }
    String after = null;
    String token = rc.request().getParam("nextToken");
    if (token != null) {
      try {
        after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        AwsErrors.badRequest(rc, "invalid nextToken");
        return;
      }
    }
    List<Envelope> page = unexpired(after, max + 1);
    ObjectNode body = JSON.createObjectNode();
    ArrayNode arr = body.putArray("retainedTopics");
    for (int i = 0; i < Math.min(max, page.size()); i++) {
      Envelope e = page.get(i);
      ObjectNode n = arr.addObject();
      n.put("topic", e.topic());
      n.put("payloadSize", e.payload().length);
      n.put("qos", e.qos());
      n.put("lastModifiedTime", e.receivedAt());
    }
    if (page.size() > max) {
      String last = page.get(max - 1).topic();
      body.put("nextToken", Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
    }
    rc.response().putHeader("content-type", "application/json").end(body.toString());
  }

  /** Up to {@code limit} retained messages after {@code afterTopic}, skipping those whose MQTT 5 expiry has passed. */
  private List<Envelope> unexpired(String afterTopic, int limit) {
    long now = broker.now();
    List<Envelope> out = new ArrayList<>();
    String cursor = afterTopic;
    while (out.size() < limit) {
      List<RetainedStore.Entry> page = broker.retained().page(cursor, limit);
      for (RetainedStore.Entry entry : page) {
        if (!entry.envelope().isExpired(now) && out.size() < limit) {
          out.add(entry.envelope());
        }
      }
      if (page.size() < limit) {
        break;
      }
      cursor = page.get(page.size() - 1).envelope().topic();
    }
    return out;
  }

  void get(RoutingContext rc) {
    String raw = rc.request().path();
    String topic = PercentDecoder.decode(raw.substring(raw.indexOf("/retainedMessage/") + "/retainedMessage/".length()));
    if (topic == null || topic.isEmpty()) {
      AwsErrors.badRequest(rc, "invalid topic");
      return;
    }
    Envelope e = broker.retained().get(topic);
    if (e == null || e.isExpired(broker.now())) {
      AwsErrors.send(rc, 404, "ResourceNotFoundException", "No retained message for topic " + topic);
      return;
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("topic", e.topic());
    n.put("payload", Base64.getEncoder().encodeToString(e.payload()));
    n.put("qos", e.qos());
    n.put("lastModifiedTime", e.receivedAt());
    if (!e.properties().userProperties().isEmpty()) {
      ArrayNode ups = JSON.createArrayNode();
      e.properties().userProperties().forEach(u -> ups.addObject().put(u.key(), u.value()));
      n.put("userProperties", Base64.getEncoder().encodeToString(ups.toString().getBytes(StandardCharsets.UTF_8)));
    }
    rc.response().putHeader("content-type", "application/json").end(n.toString());
  }
}
