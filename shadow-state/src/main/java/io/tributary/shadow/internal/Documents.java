package io.tributary.shadow.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.shadow.StoredShadow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Builders of the response documents of reference §5.5, fields in AWS's order. */
public final class Documents {

    private Documents() {
    }

    /**
     * {@code /update/accepted}: the request's state as sent, its metadata, version, timestamp.
     * Written straight to JSON with {@code g} (as a value of its own), the metadata without
     * building its tree.
     */
    static void updateAccepted(JsonGenerator g, JsonNode requestState, long version, long timestamp,
                               Optional<String> clientToken) throws IOException {
        g.writeStartObject();
        g.writeFieldName("state");
        Json.writeTree(g, requestState);
        g.writeFieldName("metadata");
        Metadata.write(g, requestState, timestamp);
        g.writeNumberField("version", version);
        g.writeNumberField("timestamp", timestamp);
        if (clientToken.isPresent()) {
            g.writeStringField("clientToken", clientToken.get());
        }
        g.writeEndObject();
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

    /**
     * {@code /update/documents}: previous (or {@code null}) and current document. Each document is
     * {@code {"state":…,"metadata":…,"version":N}}, which is exactly a live shadow's stored form, so
     * the stored bytes are copied in rather than written again.
     *
     * @param clientToken the token as a JSON string (the {@link JsonBytes.Span} of {@code pieces}),
     *                    or null if the request had none
     */
    static byte[] documents(Optional<StoredShadow> previous, StoredShadow current, long timestamp,
                            JsonBytes pieces, JsonBytes.Span clientToken) {
        byte[] currentJson = StoredShadowAccess.bytes(current);
        byte[] previousJson = previous.map(StoredShadowAccess::bytes).orElse(null);
        JsonBytes out = new JsonBytes(currentJson.length + (previousJson == null ? 0 : previousJson.length) + 96
                + (clientToken == null ? 0 : clientToken.length()));
        out.ascii("{\"previous\":");
        if (previousJson == null) {
            out.ascii("null");
        } else {
            out.json(previousJson);
        }
        out.ascii(",\"current\":").json(currentJson).ascii(",\"timestamp\":").number(timestamp);
        if (clientToken != null) {
            out.ascii(",\"clientToken\":").json(pieces, clientToken);
        }
        return out.ascii("}").toByteArray();
    }

    /**
     * The stored form of a live shadow, {@code {"state":{"desired":…,"reported":…},"metadata":…,"version":N}},
     * from the sections' compact JSON in {@code pieces} ({@code null} for an absent section) and the
     * metadata's.
     */
    static byte[] stored(JsonBytes pieces, JsonBytes.Span desired, JsonBytes.Span reported,
                         JsonBytes.Span metadata, long version) {
        JsonBytes out = new JsonBytes((desired == null ? 0 : desired.length())
                + (reported == null ? 0 : reported.length()) + metadata.length() + 64);
        out.ascii("{\"state\":{");
        if (desired != null) {
            out.ascii("\"desired\":").json(pieces, desired);
        }
        if (reported != null) {
            out.ascii(desired != null ? ",\"reported\":" : "\"reported\":").json(pieces, reported);
        }
        out.ascii("},\"metadata\":").json(pieces, metadata).ascii(",\"version\":").number(version);
        return out.ascii("}").toByteArray();
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

    private static ObjectNode withToken(ObjectNode node, Optional<String> clientToken) {
        clientToken.ifPresent(token -> node.put("clientToken", token));
        return node;
    }
}
