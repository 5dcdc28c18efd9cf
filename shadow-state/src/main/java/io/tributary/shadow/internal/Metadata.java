package io.tributary.shadow.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Map;

/**
 * Shadow metadata: the tree that mirrors a state tree with every leaf (scalar or {@code null})
 * replaced by {@code {"timestamp":seconds}}; an object maps key by key, an array element by element.
 */
public final class Metadata {

    private Metadata() {
    }

    /** The metadata of {@code value}, every leaf stamped with {@code timestampSeconds}. */
    public static JsonNode of(JsonNode value, long timestampSeconds) {
        if (value.isObject()) {
            ObjectNode result = Json.object();
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                result.set(field.getKey(), of(field.getValue(), timestampSeconds));
            }
            return result;
        }
        if (value.isArray()) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode(value.size());
            for (JsonNode element : value) {
                result.add(of(element, timestampSeconds));
            }
            return result;
        }
        return stamp(timestampSeconds);
    }

    /** Writes what {@link #of} returns, without building it. */
    public static void write(JsonGenerator g, JsonNode value, long timestampSeconds) throws IOException {
        if (value.isObject()) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                g.writeFieldName(field.getKey());
                write(g, field.getValue(), timestampSeconds);
            }
            g.writeEndObject();
        } else if (value.isArray()) {
            g.writeStartArray();
            for (JsonNode element : value) {
                write(g, element, timestampSeconds);
            }
            g.writeEndArray();
        } else {
            g.writeStartObject();
            g.writeNumberField("timestamp", timestampSeconds);
            g.writeEndObject();
        }
    }

    /** {@code {"timestamp":seconds}}. */
    public static ObjectNode stamp(long timestampSeconds) {
        ObjectNode node = Json.object();
        node.put("timestamp", timestampSeconds);
        return node;
    }
}
