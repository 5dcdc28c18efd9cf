package io.tributary.shadow;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One shadow request: the shadow, the operation and the raw payload as received (MQTT payload or
 * REST body). The payload is validated by {@link ShadowService}, not here.
 *
 * @param shadow    the shadow addressed
 * @param operation get, update or delete
 * @param payload   the raw bytes, possibly empty
 */
public record ShadowRequest(ShadowId shadow, ShadowOperation operation, byte[] payload) {

    private static final byte[] EMPTY = new byte[0];

    public ShadowRequest {
        Objects.requireNonNull(shadow, "shadow");
        Objects.requireNonNull(operation, "operation");
        payload = payload == null ? EMPTY : payload.clone();
    }

    /** The request published on {@code topic}, if it is a shadow request topic. */
    public static Optional<ShadowRequest> fromTopic(String topic, byte[] payload) {
        return ShadowTopics.parseRequest(topic)
                .map(parsed -> new ShadowRequest(parsed.shadow(), parsed.operation(), payload));
    }

    public static ShadowRequest get(ShadowId shadow) {
        return new ShadowRequest(shadow, ShadowOperation.GET, EMPTY);
    }

    public static ShadowRequest update(ShadowId shadow, byte[] payload) {
        return new ShadowRequest(shadow, ShadowOperation.UPDATE, payload);
    }

    public static ShadowRequest delete(ShadowId shadow) {
        return new ShadowRequest(shadow, ShadowOperation.DELETE, EMPTY);
    }

    /** A copy of the payload bytes. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The topic this request is (or would be) published on. */
    public String topic() {
        return ShadowTopics.topic(shadow, operation, ShadowTopic.Kind.REQUEST);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShadowRequest that && shadow.equals(that.shadow)
                && operation == that.operation && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shadow, operation, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return operation + " " + shadow + " (" + payload.length + " bytes)";
    }
}
