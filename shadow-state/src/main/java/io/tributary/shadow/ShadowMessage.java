package io.tributary.shadow;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message the shadow service publishes: a response topic and its JSON payload (UTF-8).
 *
 * @param topic   e.g. {@code $aws/things/lamp/shadow/update/accepted}
 * @param payload compact JSON in AWS's field order
 */
public record ShadowMessage(String topic, byte[] payload) {

    public ShadowMessage {
        Objects.requireNonNull(topic, "topic");
        payload = Objects.requireNonNull(payload, "payload").clone();
    }

    /** A copy of the payload bytes. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload as a string. */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShadowMessage that && topic.equals(that.topic)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * topic.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return topic + " " + payloadText();
    }
}
