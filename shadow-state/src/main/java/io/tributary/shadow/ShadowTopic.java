package io.tributary.shadow;

import java.util.Objects;
import java.util.Optional;

/**
 * A parsed shadow topic: which shadow, which operation, and whether it is the request itself or
 * one of the service's response topics.
 *
 * @param shadow    the shadow the topic is about
 * @param operation get, update or delete
 * @param kind      request, accepted, rejected, delta or documents
 */
public record ShadowTopic(ShadowId shadow, ShadowOperation operation, Kind kind) {

    /** The last level(s) of a shadow topic after the operation. */
    public enum Kind {
        /** {@code …/get}, {@code …/update}, {@code …/delete}: published by clients. */
        REQUEST(""),
        /** {@code …/accepted}. */
        ACCEPTED("/accepted"),
        /** {@code …/rejected}. */
        REJECTED("/rejected"),
        /** {@code …/update/delta}. */
        DELTA("/delta"),
        /** {@code …/update/documents}. */
        DOCUMENTS("/documents");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        /** The topic suffix after the operation level, empty for {@link #REQUEST}. */
        public String suffix() {
            return suffix;
        }

        static Optional<Kind> fromLevel(String level) {
            for (Kind kind : values()) {
                if (kind != REQUEST && kind.suffix.equals("/" + level)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    public ShadowTopic {
        Objects.requireNonNull(shadow, "shadow");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.DELTA || kind == Kind.DOCUMENTS) && operation != ShadowOperation.UPDATE) {
            throw new IllegalArgumentException(kind + " exists only for update");
        }
    }

    /** True for the topics clients publish requests to. */
    public boolean isRequest() {
        return kind == Kind.REQUEST;
    }

    /** The MQTT topic name, e.g. {@code $aws/things/lamp/shadow/name/color/update/delta}. */
    public String topic() {
        return shadow.topicPrefix() + "/" + operation.topicLevel() + kind.suffix();
    }

    @Override
    public String toString() {
        return topic();
    }
}
