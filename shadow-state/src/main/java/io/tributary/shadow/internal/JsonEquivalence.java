package io.tributary.shadow.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Value equality for the delta: like {@link JsonNode#equals} except that numbers compare by value
 * ({@code 1}, {@code 1.0} and {@code 1e0} are equal) and object key order does not matter.
 */
public final class JsonEquivalence {

    private JsonEquivalence() {
    }

    public static boolean equivalent(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            return objectsEquivalent(a, b);
        }
        if (a.isArray() && b.isArray()) {
            return arraysEquivalent(a, b);
        }
        return a.equals(b);
    }

    private static boolean objectsEquivalent(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> field : a.properties()) {
            JsonNode other = b.get(field.getKey());
            if (other == null || !equivalent(field.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    private static boolean arraysEquivalent(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<JsonNode> left = a.elements();
        Iterator<JsonNode> right = b.elements();
        while (left.hasNext()) {
            if (!equivalent(left.next(), right.next())) {
                return false;
            }
        }
        return true;
    }
}
