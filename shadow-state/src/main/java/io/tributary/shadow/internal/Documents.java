package io.tributary.shadow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.shadow.StoredShadow;

import java.util.Optional;

/** Builders of the response documents of reference §5.5, fields in AWS's order. */
public final class Documents {

    private Documents() {
    }

    /** {@code /update/accepted}: the request's state as sent, its metadata, version, timestamp. */
    public static ObjectNode updateAccepted(JsonNode requestState, long version, long timestamp,
                                            Optional<String> clientToken) {
        ObjectNode node = Json.object();
        node.set("state", requestState.deepCopy());
        node.set("metadata", Metadata.of(requestState, timestamp));
        node.put("version", version);
        node.put("timestamp", timestamp);
        return withToken(node, clientToken);
    }

    /** {@code /update/delta}: flat delta state and its desired metadata. */
    public static ObjectNode delta(Delta delta, long version, long timestamp, Optional<String> clientToken) {
        ObjectNode node = Json.object();
        node.put("version", version);
        node.put("timestamp", timestamp);
        node.set("state", delta.state());
        node.set("metadata", delta.metadata());
        return withToken(node, clientToken);
    }

    /** {@code /update/documents}: previous (or {@code null}) and current document. */
    public static ObjectNode documents(Optional<StoredShadow> previous, StoredShadow current, long timestamp,
                                       Optional<String> clientToken) {
        ObjectNode node = Json.object();
        node.set("previous", previous.<JsonNode>map(Documents::snapshot).orElse(NullNode.getInstance()));
        node.set("current", snapshot(current));
        node.put("timestamp", timestamp);
        return withToken(node, clientToken);
    }

    /** {@code /get/accepted}: state with its delta if non-empty, metadata, version, timestamp. */
    public static ObjectNode getAccepted(StoredShadow shadow, long timestamp, Optional<String> clientToken) {
        ObjectNode state = shadow.state();
        ObjectNode metadata = shadow.metadata();
        Delta delta = Delta.of(state, metadata);
        if (!delta.isEmpty()) {
            state.set("delta", delta.state());
        }
        ObjectNode node = Json.object();
        node.set("state", state);
        node.set("metadata", metadata);
        node.put("version", shadow.version());
        node.put("timestamp", timestamp);
        return withToken(node, clientToken);
    }

    /** {@code /delete/accepted}: the deleted document's version and the timestamp. */
    public static ObjectNode deleteAccepted(long version, long timestamp, Optional<String> clientToken) {
        ObjectNode node = Json.object();
        node.put("version", version);
        node.put("timestamp", timestamp);
        return withToken(node, clientToken);
    }

    private static ObjectNode snapshot(StoredShadow shadow) {
        ObjectNode node = Json.object();
        node.set("state", shadow.state());
        node.set("metadata", shadow.metadata());
        node.put("version", shadow.version());
        return node;
    }

    private static ObjectNode withToken(ObjectNode node, Optional<String> clientToken) {
        clientToken.ifPresent(token -> node.put("clientToken", token));
        return node;
    }
}
