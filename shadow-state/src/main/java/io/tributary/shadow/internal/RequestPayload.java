package io.tributary.shadow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The first steps shared by every operation (reference §5.4 steps 1–2): decode UTF-8, parse JSON,
 * read and check {@code clientToken}. Produces either the parsed payload or an error.
 *
 * @param json        the parsed payload; empty for an empty get/delete payload
 * @param clientToken the request's token, echoed on every response
 * @param error       the first failed check, if any
 */
public record RequestPayload(Optional<JsonNode> json, Optional<String> clientToken, Optional<ShadowError> error) {

    /**
     * Parses {@code payload}. An update must be a JSON object; a get or delete payload may be empty or
     * any JSON value, only an object's {@code clientToken} is read.
     */
    public static RequestPayload parse(byte[] payload, boolean objectRequired, int maxClientTokenBytes) {
        Optional<JsonNode> json;
        if (isAsciiWithoutNul(payload)) {
            // ASCII is valid UTF-8 and decodes to the same characters: parse the bytes as they are.
            // (NUL bytes take the general path: Jackson would take "\0{\0..." for UTF-16 and parse it.)
            if (!objectRequired && isBlankAscii(payload)) {
                return new RequestPayload(Optional.empty(), Optional.empty(), Optional.empty());
            }
            json = Json.parse(payload);
        } else {
            Optional<String> text = Json.decodeUtf8(payload);
            if (text.isEmpty()) {
                return failed(ShadowError.UNSUPPORTED_ENCODING, Optional.empty());
            }
            if (!objectRequired && text.get().isBlank()) {
                return new RequestPayload(Optional.empty(), Optional.empty(), Optional.empty());
            }
            json = Json.parse(text.get());
        }
        if (json.isEmpty() || objectRequired && !json.get().isObject()) {
            return failed(ShadowError.INVALID_JSON, Optional.empty());
        }
        JsonNode token = json.get() instanceof ObjectNode object ? object.get("clientToken") : null;
        if (token == null) {
            return new RequestPayload(json, Optional.empty(), Optional.empty());
        }
        if (!token.isTextual()
                || token.textValue().getBytes(StandardCharsets.UTF_8).length > maxClientTokenBytes) {
            return failed(ShadowError.INVALID_CLIENT_TOKEN, Optional.empty());
        }
        return new RequestPayload(json, Optional.of(token.textValue()), Optional.empty());
    }

    /** The client token of {@code payload} if it has a valid one, ignoring every other problem. */
    public static Optional<String> bestEffortToken(byte[] payload, int maxClientTokenBytes) {
        return parse(payload, false, maxClientTokenBytes).clientToken();
    }

    private static boolean isAsciiWithoutNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b <= 0) {
                return false;
            }
        }
        return true;
    }

    /** {@link String#isBlank()} of ASCII bytes: every byte is a {@link Character#isWhitespace} character. */
    private static boolean isBlankAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private static RequestPayload failed(ShadowError error, Optional<String> token) {
        return new RequestPayload(Optional.empty(), token, Optional.of(error));
    }
}
