package io.tributary.shadow.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.shadow.ShadowTopic;

import java.util.Objects;

/**
 * A response document and the kind of topic it goes to; the service adds the shadow's topic prefix.
 * Holds the document as a tree or, when it was written straight to bytes, as its compact JSON.
 */
public final class Publication {

    private final ShadowTopic.Kind kind;
    private final ObjectNode document;
    private final byte[] payload;

    /**
     * @param kind     accepted, delta or documents
     * @param document the JSON document
     */
    public Publication(ShadowTopic.Kind kind, ObjectNode document) {
        this(kind, Objects.requireNonNull(document, "document"), null);
    }

    private Publication(ShadowTopic.Kind kind, ObjectNode document, byte[] payload) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.document = document;
        this.payload = payload;
    }

    /** A document already written as compact JSON (owned from now on). */
    public static Publication ofJson(ShadowTopic.Kind kind, byte[] json) {
        return new Publication(kind, null, Objects.requireNonNull(json, "json"));
    }

    public ShadowTopic.Kind kind() {
        return kind;
    }

    /** The document as a tree (parsed again if it was written as bytes). */
    public ObjectNode document() {
        return document != null ? document : (ObjectNode) Json.parseTrusted(payload);
    }

    /** The compact JSON of the document. */
    public byte[] payload() {
        return payload != null ? payload : Json.bytes(document);
    }

    @Override
    public String toString() {
        return kind + " " + document();
    }
}
