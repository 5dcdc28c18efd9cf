package io.tributary.shadow;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a data-plane REST call (reference §4.4): HTTP status, the {@code x-amzn-ErrorType}
 * header for errors, the JSON body, and the effects to apply, because a successful REST update or
 * delete changes the store and publishes the same MQTT messages as an MQTT request (an error
 * publishes nothing).
 *
 * @param status    200 or the error's status
 * @param errorType the AWS exception name for errors, e.g. {@code ConflictException}
 * @param body      the JSON body
 * @param effects   the store change and the MQTT messages to publish
 */
public record RestResponse(int status, Optional<String> errorType, byte[] body, ShadowResult effects) {

    public RestResponse {
        Objects.requireNonNull(errorType, "errorType");
        body = Objects.requireNonNull(body, "body").clone();
        Objects.requireNonNull(effects, "effects");
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as a string. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RestResponse that && status == that.status && errorType.equals(that.errorType)
                && Arrays.equals(body, that.body) && effects.equals(that.effects);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, errorType, Arrays.hashCode(body), effects);
    }

    @Override
    public String toString() {
        return status + errorType.map(type -> " " + type).orElse("") + " " + bodyText();
    }
}
