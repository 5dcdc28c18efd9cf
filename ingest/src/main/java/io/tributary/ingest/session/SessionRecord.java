package io.tributary.ingest.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tributary.ingest.route.SubscriptionOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client's session as stored on the sessions topic (JSON, keyed by client id).
 *
 * @param clientId the client
 * @param epoch increases with every CONNECT of this client id on any node; also the lifecycle
 *     events' {@code versionNumber}
 * @param nodeId node that owns the connection
 * @param connectionId unique id of the owning connection
 * @param connected whether a connection currently holds the session
 * @param protocolVersion 4 (MQTT 3.1.1) or 5
 * @param expirySeconds how long the session outlives its connection; 0 ends it at disconnect
 * @param disconnectedAt epoch millis of the disconnect, 0 while connected
 * @param subscriptions filter to options, in subscription order
 * @param positions message-topic partition to the first offset not yet delivered to this session
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionRecord(
    String clientId,
    long epoch,
    String nodeId,
    String connectionId,
    boolean connected,
    int protocolVersion,
    long expirySeconds,
    long disconnectedAt,
    Map<String, SubscriptionOptions> subscriptions,
    Map<Integer, Long> positions) {

  public SessionRecord {
    // Empty maps (most clean sessions) share Map.of() instead of holding ~170 bytes of empty copies.
    subscriptions = subscriptions == null || subscriptions.isEmpty() ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(subscriptions));
    positions = positions == null || positions.isEmpty() ? Map.of()
        : java.util.Collections.unmodifiableMap(new TreeMap<>(positions));
  }

  /** True when the session has outlived its expiry at {@code nowMillis}. */
  public boolean expiredAt(long nowMillis) {
    return !connected && disconnectedAt + expirySeconds * 1000 <= nowMillis;
  }

  public boolean persistent() {
    return expirySeconds > 0;
  }

  public SessionRecord withSubscriptions(Map<String, SubscriptionOptions> subs) {
    return new SessionRecord(clientId, epoch, nodeId, connectionId, connected, protocolVersion, expirySeconds,
        disconnectedAt, subs, positions);
  }

  public SessionRecord disconnected(long atMillis, long expiry, Map<Integer, Long> newPositions) {
    return new SessionRecord(clientId, epoch, nodeId, connectionId, false, protocolVersion, expiry, atMillis,
        subscriptions, newPositions);
  }

  public SessionRecord withPositions(Map<Integer, Long> newPositions) {
    return new SessionRecord(clientId, epoch, nodeId, connectionId, connected, protocolVersion, expirySeconds,
        disconnectedAt, subscriptions, newPositions);
  }
}
