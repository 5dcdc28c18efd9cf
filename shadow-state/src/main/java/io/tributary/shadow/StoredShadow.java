package io.tributary.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.shadow.internal.Json;
import io.tributary.shadow.internal.StoredShadowAccess;

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
 * The JSON form is computed once and kept (the service, which builds it while checking the size
 * of an update, hands it over already made).
 *
 * <p>Equality is by value: state, metadata, version and deletion time, as for a record.
 */
public final class StoredShadow {

    static {
        StoredShadowAccess.install(new StoredShadowAccess() {
            @Override
            protected StoredShadow owning(ObjectNode state, ObjectNode metadata, long version, byte[] bytes) {
                return new StoredShadow(state, metadata, version, OptionalLong.empty(), bytes);
            }

            @Override
            protected ObjectNode stateView(StoredShadow shadow) {
                return shadow.state;
            }

            @Override
            protected ObjectNode metadataView(StoredShadow shadow) {
                return shadow.metadata;
            }

            @Override
            protected byte[] bytesView(StoredShadow shadow) {
                return shadow.bytes();
            }
        });
    }

    /** Never modified once constructed; handed out only as copies (or read-only to the service). */
    private final ObjectNode state;
    private final ObjectNode metadata;
    private final long version;
    private final OptionalLong deletedAtMillis;
    /** The JSON form; never modified, handed out as copies. Computed at most a few times if raced. */
    private volatile byte[] bytes;

    /**
     * @param state           {@code {"desired":{…},"reported":{…}}}, either section may be absent
     * @param metadata        the same shape, every leaf replaced by {@code {"timestamp":seconds}}
     * @param version         the shadow's version (for a deleted marker: the deleted shadow's)
     * @param deletedAtMillis when the shadow was deleted; empty for a live shadow
     */
    public StoredShadow(ObjectNode state, ObjectNode metadata, long version, OptionalLong deletedAtMillis) {
        this(Objects.requireNonNull(state, "state").deepCopy(),
                Objects.requireNonNull(metadata, "metadata").deepCopy(), version, deletedAtMillis, null);
    }

    /** Takes ownership of the trees (and of {@code bytes}, their JSON form, if not null). */
    private StoredShadow(ObjectNode state, ObjectNode metadata, long version, OptionalLong deletedAtMillis,
                         byte[] bytes) {
        Objects.requireNonNull(deletedAtMillis, "deletedAtMillis");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
        if (deletedAtMillis.isPresent() && (!state.isEmpty() || !metadata.isEmpty())) {
            throw new IllegalArgumentException("a deleted marker has no state");
        }
        this.state = state;
        this.metadata = metadata;
        this.version = version;
        this.deletedAtMillis = deletedAtMillis;
        this.bytes = bytes;
    }

    /** A live shadow. */
    public static StoredShadow of(ObjectNode state, ObjectNode metadata, long version) {
        return new StoredShadow(state, metadata, version, OptionalLong.empty());
    }

    /** The marker left by deleting a shadow at {@code version}. */
    public static StoredShadow deleted(long version, long deletedAtMillis) {
        return new StoredShadow(Json.object(), Json.object(), version, OptionalLong.of(deletedAtMillis), null);
    }

    /** A copy of the state tree. */
    public ObjectNode state() {
        return state.deepCopy();
    }

    /** A copy of the metadata tree. */
    public ObjectNode metadata() {
        return metadata.deepCopy();
    }

    /** The shadow's version (for a deleted marker: the deleted shadow's). */
    public long version() {
        return version;
    }

    /** When the shadow was deleted; empty for a live shadow. */
    public OptionalLong deletedAtMillis() {
        return deletedAtMillis;
    }

    /** True for a deleted marker. */
    public boolean isDeleted() {
        return deletedAtMillis.isPresent();
    }

    /** The JSON form for a key-value store (a new array each call). */
    public byte[] toBytes() {
        return bytes().clone();
    }

    private byte[] bytes() {
        byte[] result = bytes;
        if (result == null) {
            result = encode();
            bytes = result;
        }
        return result;
    }

    private byte[] encode() {
        ObjectNode node = Json.object();
        if (isDeleted()) {
            node.put("version", version);
            node.put("deletedAt", deletedAtMillis.getAsLong());
        } else {
            node.set("state", state);
            node.set("metadata", metadata);
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
        // The parsed trees are fresh and not shared: own them instead of copying.
        return new StoredShadow(objectOrEmpty(node.get("state")), objectOrEmpty(node.get("metadata")), version,
                OptionalLong.empty(), null);
    }

    private static ObjectNode objectOrEmpty(JsonNode node) {
        return node instanceof ObjectNode object ? object : Json.object();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredShadow that && version == that.version
                && deletedAtMillis.equals(that.deletedAtMillis) && state.equals(that.state)
                && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, metadata, version, deletedAtMillis);
    }

    @Override
    public String toString() {
        return new String(bytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
