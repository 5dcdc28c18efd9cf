package io.tributary.shadow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * The delta between {@code desired} and {@code reported} (reference §5.4): every desired key that
 * is absent from reported or differs from it; objects on both sides recurse and appear only if
 * something below differs; arrays compare whole; keys only in reported never appear. The delta's
 * metadata is the desired metadata of exactly those keys.
 *
 * @param state    the delta, possibly empty
 * @param metadata the desired metadata of the delta's keys
 */
public record Delta(ObjectNode state, ObjectNode metadata) {

    /** The delta of a stored state {@code {"desired":…,"reported":…}} with its metadata. */
    public static Delta of(JsonNode state, JsonNode metadata) {
        JsonNode desired = state.path("desired");
        if (!desired.isObject()) {
            return new Delta(Json.object(), Json.object());
        }
        ObjectNode deltaState = Json.object();
        ObjectNode deltaMetadata = Json.object();
        collect(desired, state.path("reported"), metadata.path("desired"), deltaState, deltaMetadata);
        return new Delta(deltaState, deltaMetadata);
    }

    public boolean isEmpty() {
        return state.isEmpty();
    }

    private static void collect(JsonNode desired, JsonNode reported, JsonNode desiredMetadata,
                                ObjectNode deltaState, ObjectNode deltaMetadata) {
        for (Map.Entry<String, JsonNode> field : desired.properties()) {
            String key = field.getKey();
            JsonNode want = field.getValue();
            JsonNode have = reported.get(key);
            JsonNode wantMetadata = desiredMetadata.path(key);
            if (have != null && want.isObject() && have.isObject()) {
                ObjectNode childState = Json.object();
                ObjectNode childMetadata = Json.object();
                collect(want, have, wantMetadata, childState, childMetadata);
                if (!childState.isEmpty()) {
                    deltaState.set(key, childState);
                    deltaMetadata.set(key, childMetadata);
                }
            } else if (have == null || !JsonEquivalence.equivalent(want, have)) {
                deltaState.set(key, want.deepCopy());
                if (!wantMetadata.isMissingNode()) {
                    deltaMetadata.set(key, wantMetadata.deepCopy());
                }
            }
        }
    }
}
