package io.tributary.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.shadow.internal.Json;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the store keeps for one shadow: its state ({@code desired}, {@code reported}), their
 * metadata, and its version; or, after a delete, a deleted marker keeping the last version and
 * the time of deletion so that a re-created shadow continues the numbering.
 *
 * <p>Immutable: the trees are copied in and out. {@link #toBytes()} and {@link #fromBytes(byte[])}
 * give the JSON form a key-value store holds:
 * {@code {"state":{…},"metadata":{…},"version":N}} or {@code {"version":N,"deletedAt":millis}}.
 *
 * @param state           {@code {"desired":{…},"reported":{…}}}, either section may be absent
 * @param metadata        the same shape, every leaf replaced by {@code {"timestamp":seconds}}
 * @param version         the shadow's version (for a deleted marker: the deleted shadow's)
 * @param deletedAtMillis when the shadow was deleted; empty for a live shadow
 */
public record StoredShadow(ObjectNode state, ObjectNode metadata, long version, OptionalLong deletedAtMillis) {

    public StoredShadow {
        state = Objects.requireNonNull(state, "state").deepCopy();
        metadata = Objects.requireNonNull(metadata, "metadata").deepCopy();
        Objects.requireNonNull(deletedAtMillis, "deletedAtMillis");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
        if (deletedAtMillis.isPresent() && (!state.isEmpty() || !metadata.isEmpty())) {
            throw new IllegalArgumentException("a deleted marker has no state");
        }
    }

    /** A live shadow. */
    public static StoredShadow of(ObjectNode state, ObjectNode metadata, long version) {
        return new StoredShadow(state, metadata, version, OptionalLong.empty());
    }

    /** The marker left by deleting a shadow at {@code version}. */
    public static StoredShadow deleted(long version, long deletedAtMillis) {
        return new StoredShadow(Json.object(), Json.object(), version, OptionalLong.of(deletedAtMillis));
    }

    /** A copy of the state tree. */
    @Override
    public ObjectNode state() {
        return state.deepCopy();
    }

    /** A copy of the metadata tree. */
    @Override
    public ObjectNode metadata() {
        return metadata.deepCopy();
    }

    /** True for a deleted marker. */
    public boolean isDeleted() {
        return deletedAtMillis.isPresent();
    }

    /** The JSON form for a key-value store. */
    public byte[] toBytes() {
        ObjectNode node = Json.object();
        if (isDeleted()) {
            node.put("version", version);
            node.put("deletedAt", deletedAtMillis.getAsLong());
        } else {
            node.set("state", state.deepCopy());
            node.set("metadata", metadata.deepCopy());
            node.put("version", version);
        }
        return Json.bytes(node);
    }

    /** Reads the form written by {@link #toBytes()}. */
    public static StoredShadow fromBytes(byte[] bytes) {
        JsonNode node = Json.parseTrusted(bytes);
        if (!node.isObject() || !node.path("version").canConvertToLong()) {
            throw new IllegalArgumentException("not a stored shadow: " + node);
        }
        long version = node.get("version").asLong();
        if (node.has("deletedAt")) {
            return deleted(version, node.get("deletedAt").asLong());
        }
        return of(objectOrEmpty(node.get("state")), objectOrEmpty(node.get("metadata")), version);
    }

    private static ObjectNode objectOrEmpty(JsonNode node) {
        return node instanceof ObjectNode object ? object : Json.object();
    }

    @Override
    public String toString() {
        return new String(toBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
