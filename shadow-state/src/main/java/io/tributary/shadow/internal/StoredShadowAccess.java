package io.tributary.shadow.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.shadow.StoredShadow;

/**
 * The service's way into {@link StoredShadow} without the defensive copies its public API makes:
 * read-only views of the trees and the JSON form, and a constructor that takes ownership of trees
 * the service has just built. Installed by {@code StoredShadow} itself; callers must never modify
 * what they get or hand over.
 */
public abstract class StoredShadowAccess {

    private static volatile StoredShadowAccess instance;

    /** Called once, by {@code StoredShadow}'s static initializer. */
    public static void install(StoredShadowAccess access) {
        if (instance != null) {
            throw new IllegalStateException("already installed");
        }
        instance = access;
    }

    private static StoredShadowAccess get() {
        StoredShadowAccess access = instance;
        if (access == null) {
            StoredShadow.deleted(0, 0); // runs StoredShadow's static initializer
            access = instance;
        }
        return access;
    }

    /** A live shadow owning {@code state} and {@code metadata}; {@code bytes} is their JSON form. */
    static StoredShadow live(ObjectNode state, ObjectNode metadata, long version, byte[] bytes) {
        return get().owning(state, metadata, version, bytes);
    }

    /** The state tree itself: read only. */
    static ObjectNode state(StoredShadow shadow) {
        return get().stateView(shadow);
    }

    /** The metadata tree itself: read only. */
    static ObjectNode metadata(StoredShadow shadow) {
        return get().metadataView(shadow);
    }

    /** The JSON form itself ({@link StoredShadow#toBytes()} without the copy): read only. */
    static byte[] bytes(StoredShadow shadow) {
        return get().bytesView(shadow);
    }

    protected abstract StoredShadow owning(ObjectNode state, ObjectNode metadata, long version, byte[] bytes);

    protected abstract ObjectNode stateView(StoredShadow shadow);

    protected abstract ObjectNode metadataView(StoredShadow shadow);

    protected abstract byte[] bytesView(StoredShadow shadow);
}
