package io.tributary.shadow.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.OptionalLong;

/**
 * A validated update request (reference §5.4 steps 3–7): its {@code state} node ({@code null} or an
 * object holding only {@code desired} and {@code reported}, each {@code null} or an object within the
 * depth limit and without {@code null} array elements) and its optional expected {@code version}.
 *
 * @param state           the request's {@code state}, as sent
 * @param expectedVersion the {@code version} the client expects the shadow to have, if given
 */
public record UpdateRequest(JsonNode state, OptionalLong expectedVersion) {

    /** Thrown with the AWS error for the first rule a request breaks. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ShadowError error;

        Invalid(ShadowError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        public ShadowError error() {
            return error;
        }
    }

    /** Validates the parsed update payload {@code payload} (a JSON object). */
    public static UpdateRequest validate(JsonNode payload, int maxDepth) throws Invalid {
        JsonNode state = payload.get("state");
        if (state == null) {
            throw new Invalid(ShadowError.MISSING_STATE);
        }
        if (!state.isObject() && !state.isNull()) {
            throw new Invalid(ShadowError.STATE_NOT_OBJECT);
        }
        if (state.isObject()) {
            checkSections(state, maxDepth);
        }
        return new UpdateRequest(state, version(payload.get("version")));
    }

    private static void checkSections(JsonNode state, int maxDepth) throws Invalid {
        for (Map.Entry<String, JsonNode> field : state.properties()) {
            JsonNode section = field.getValue();
            switch (field.getKey()) {
                case "desired" -> requireObjectOrNull(section, ShadowError.DESIRED_NOT_OBJECT);
                case "reported" -> requireObjectOrNull(section, ShadowError.REPORTED_NOT_OBJECT);
                default -> throw new Invalid(ShadowError.INVALID_NODE);
            }
        }
        for (Map.Entry<String, JsonNode> field : state.properties()) {
            if (depth(field.getValue()) > maxDepth) {
                throw new Invalid(ShadowError.tooDeep(maxDepth));
            }
        }
        for (Map.Entry<String, JsonNode> field : state.properties()) {
            if (hasNullInArray(field.getValue(), false)) {
                throw new Invalid(ShadowError.INVALID_NODE);
            }
        }
    }

    private static void requireObjectOrNull(JsonNode section, ShadowError error) throws Invalid {
        if (!section.isObject() && !section.isNull()) {
            throw new Invalid(error);
        }
    }

    private static OptionalLong version(JsonNode version) throws Invalid {
        if (version == null) {
            return OptionalLong.empty();
        }
        if (!version.isIntegralNumber() || !version.canConvertToLong() || version.longValue() < 0) {
            throw new Invalid(ShadowError.INVALID_VERSION);
        }
        return OptionalLong.of(version.longValue());
    }

    /** Container levels: a scalar is 0, an object or array is one more than its deepest child. */
    static int depth(JsonNode node) {
        if (!node.isContainerNode()) {
            return 0;
        }
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return deepest + 1;
    }

    private static boolean hasNullInArray(JsonNode node, boolean insideArray) {
        if (node.isNull()) {
            return insideArray;
        }
        for (JsonNode child : node) {
            if (hasNullInArray(child, node.isArray())) {
                return true;
            }
        }
        return false;
    }
}
