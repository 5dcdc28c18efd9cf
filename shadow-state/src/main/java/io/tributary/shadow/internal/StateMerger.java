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
 *
 * <p>The inputs are never modified. The result shares with them the subtrees the update leaves
 * alone (every object on the path of a change is a fresh shallow copy), so neither the inputs nor
 * the result may be modified afterwards: the service treats stored trees as read-only.
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
            if (patch != null && patch.isNull()) {
                continue;
            }
            ObjectNode sectionState;
            ObjectNode sectionMetadata;
            if (patch != null) {
                sectionState = shallowCopy(currentState.get(section));
                sectionMetadata = shallowCopy(currentMetadata.get(section));
                mergeObject(sectionState, sectionMetadata, patch, timestampSeconds);
            } else {
                sectionState = objectOrEmpty(currentState.get(section));
                sectionMetadata = objectOrEmpty(currentMetadata.get(section));
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
                ObjectNode child = existing != null && existing.isObject() ? shallowCopy(existing) : Json.object();
                JsonNode existingMetadata = targetMetadata.get(key);
                ObjectNode childMetadata = existing != null && existing.isObject()
                        && existingMetadata instanceof ObjectNode ? shallowCopy(existingMetadata) : Json.object();
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

    /** {@code node} itself (shared, not copied) if it is an object, else a new empty object. */
    private static ObjectNode objectOrEmpty(JsonNode node) {
        return node instanceof ObjectNode object ? object : Json.object();
    }

    /** A new object with the members of {@code node} (their values shared), or empty if not an object. */
    private static ObjectNode shallowCopy(JsonNode node) {
        ObjectNode copy = Json.object();
        if (node instanceof ObjectNode object) {
            copy.setAll(object);
        }
        return copy;
    }
}
