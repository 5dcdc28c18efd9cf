package io.tributary.ingest.broker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.TraceIds;
import io.vertx.core.Context;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS IoT lifecycle events ({@code $aws/events/presence/...} and {@code
 * $aws/events/subscriptions/...}), with AWS's JSON field for field. Published like any message, so
 * subscribers on every node and rules receive them. Client ids containing {@code +} or {@code #}
 * get no events, as on AWS.
 */
public final class LifecycleEvents {
  private static final Logger LOG = LoggerFactory.getLogger(LifecycleEvents.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Publisher publisher;
  private final String nodeId;

  public LifecycleEvents(Publisher publisher, String nodeId) {
    this.publisher = publisher;
    this.nodeId = nodeId;
  }

  /** Identity of one connection as the events report it. */
  public record Who(String clientId, String sessionId, String principal, long versionNumber) {}

  public void connected(Who who, String ipAddress, long now, Context ctx) {
    ObjectNode n = base(who, now, "connected");
    n.put("ipAddress", ipAddress);
    n.put("versionNumber", who.versionNumber());
    emit("$aws/events/presence/connected/" + who.clientId(), who, n, now, ctx);
  }

  public void disconnected(Who who, DisconnectReason reason, long now, Context ctx) {
    ObjectNode n = base(who, now, "disconnected");
    n.put("clientInitiatedDisconnect", reason == DisconnectReason.CLIENT_INITIATED_DISCONNECT);
    n.put("disconnectReason", reason.name());
    n.put("versionNumber", who.versionNumber());
    emit("$aws/events/presence/disconnected/" + who.clientId(), who, n, now, ctx);
  }

  public void subscriptions(Who who, boolean subscribed, Collection<String> topics, long now, Context ctx) {
    if (topics.isEmpty()) {
      return;
    }
    String type = subscribed ? "subscribed" : "unsubscribed";
    ObjectNode n = base(who, now, type);
    ArrayNode arr = n.putArray("topics");
    topics.forEach(arr::add);
    emit("$aws/events/subscriptions/" + type + "/" + who.clientId(), who, n, now, ctx);
  }

  private static ObjectNode base(Who who, long now, String type) {
    ObjectNode n = JSON.createObjectNode();
    n.put("clientId", who.clientId());
    n.put("timestamp", now);
    n.put("eventType", type);
    n.put("sessionIdentifier", who.sessionId());
    n.put("principalIdentifier", who.principal());
    return n;
  }

  private void emit(String topic, Who who, ObjectNode body, long now, Context ctx) {
    if (who.clientId().indexOf('+') >= 0 || who.clientId().indexOf('#') >= 0) {
      return;
    }
    byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
    Envelope e = new Envelope(topic, payload, 1, false, who.clientId(), who.principal(), null, now,
        Envelope.Origin.LIFECYCLE, null, nodeId, TraceIds.next());
    publisher.publish(e, ctx).onFailure(err -> LOG.warn("lifecycle event {} not published: {}", topic, err.toString()));
  }
}
