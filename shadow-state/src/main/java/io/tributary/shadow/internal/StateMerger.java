package io.tributary.shadow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Merges an update's {@code state} into a stored state and its metadata (reference §5.4 steps 9
 * and 11): {@code state: null} clears both sections, a section set to {@code null} is removed,
 * objects merge key by key, a {@code null} value removes its key and its metadata, anything else
 * (scalars, whole arrays, type changes) replaces; every leaf written gets the request's timestamp;
 * objects and sections left empty are removed.
 */
public final class StateMerger {

    /** The sections of a stored state, in the order they are written. */
    public static final List<String> SECTIONS = List.of("desired", "reported");

    /**
     * The merged state and metadata.
     *
     * @param state    {@code {"desired":…,"reported":…}}, empty sections omitted
     * @param metadata the matching metadata
     */
    public record Merged(ObjectNode state, ObjectNode metadata) {
    }

    private StateMerger() {
    }

    public static Merged merge(ObjectNode currentState, ObjectNode currentMetadata, JsonNode update,
                               long timestampSeconds) {
        ObjectNode state = Json.object();
        ObjectNode metadata = Json.object();
        for (String section : SECTIONS) {
            JsonNode patch = update.isNull() ? update : update.get(section);
            ObjectNode sectionState = objectOrEmpty(currentState.get(section));
            ObjectNode sectionMetadata = objectOrEmpty(currentMetadata.get(section));
            if (patch != null && patch.isNull()) {
                continue;
            }
            if (patch != null) {
                mergeObject(sectionState, sectionMetadata, patch, timestampSeconds);
            }
            if (!sectionState.isEmpty()) {
                state.set(section, sectionState);
                metadata.set(section, sectionMetadata);
            }
        }
        return new Merged(state, metadata);
    }

    private static void mergeObject(ObjectNode target, ObjectNode targetMetadata, JsonNode patch,
                                    long timestampSeconds) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(key);
                targetMetadata.remove(key);
            } else if (value.isObject()) {
                JsonNode existing = target.get(key);
                ObjectNode child = existing != null && existing.isObject() ? (ObjectNode) existing : Json.object();
                JsonNode existingMetadata = targetMetadata.get(key);
                ObjectNode childMetadata = existing != null && existing.isObject()
                        && existingMetadata instanceof ObjectNode object ? object : Json.object();
                mergeObject(child, childMetadata, value, timestampSeconds);
                if (child.isEmpty()) {
                    target.remove(key);
                    targetMetadata.remove(key);
                } else {
                    target.set(key, child);
                    targetMetadata.set(key, childMetadata);
                }
            } else {
                target.set(key, value.deepCopy());
                targetMetadata.set(key, Metadata.of(value, timestampSeconds));
            }
        }
    }

    private static ObjectNode objectOrEmpty(JsonNode node) {
        return node instanceof ObjectNode object ? object.deepCopy() : Json.object();
    }
}
