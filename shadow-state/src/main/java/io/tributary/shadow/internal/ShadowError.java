package io.tributary.shadow.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * An AWS shadow error: the code and message of the error document, and the REST exception name.
 * The messages are AWS's, word for word, where AWS documents one.
 *
 * @param code    HTTP-style status, also the {@code code} of the error document
 * @param message the {@code message} of the error document
 */
public record ShadowError(int code, String message) {

    public static final ShadowError INVALID_JSON = new ShadowError(400, "Invalid JSON");
    public static final ShadowError MISSING_STATE = new ShadowError(400, "Missing required node: state");
    public static final ShadowError STATE_NOT_OBJECT = new ShadowError(400, "State node must be an object");
    public static final ShadowError DESIRED_NOT_OBJECT = new ShadowError(400, "Desired node must be an object");
    public static final ShadowError REPORTED_NOT_OBJECT =
            new ShadowError(400, "Reported node must be an object");
    public static final ShadowError INVALID_NODE = new ShadowError(400, "State contains an invalid node");
    public static final ShadowError INVALID_VERSION = new ShadowError(400, "Invalid version");
    public static final ShadowError INVALID_CLIENT_TOKEN = new ShadowError(400, "Invalid clientToken");
    public static final ShadowError INVALID_THING_NAME = new ShadowError(400, "Invalid thing name");
    public static final ShadowError INVALID_SHADOW_NAME = new ShadowError(400, "Invalid shadow name");
    public static final ShadowError VERSION_CONFLICT = new ShadowError(409, "Version conflict");
    public static final ShadowError TOO_LARGE =
            new ShadowError(413, "The payload exceeds the maximum size allowed");
    public static final ShadowError UNSUPPORTED_ENCODING =
            new ShadowError(415, "Unsupported documented encoding; supported encoding is UTF-8");
    public static final ShadowError THROTTLED = new ShadowError(429, "Rate limit exceeded");

    /** 400: nesting deeper than {@code maxDepth}. */
    public static ShadowError tooDeep(int maxDepth) {
        return new ShadowError(400, "JSON contains too many levels of nesting; maximum is " + maxDepth);
    }

    /** 400: creating one more named shadow than a thing may have. */
    public static ShadowError tooManyNamedShadows(int max) {
        return new ShadowError(400, "Maximum number of named shadows per thing exceeded; maximum is " + max);
    }

    /** 404 for a get or delete of a shadow that does not exist. */
    public static ShadowError noShadow(String displayName) {
        return new ShadowError(404, "No shadow exists with name: '" + displayName + "'");
    }

    /** The REST exception name, sent as {@code x-amzn-ErrorType}. */
    public String restErrorType() {
        return switch (code) {
            case 400 -> "InvalidRequestException";
            case 401 -> "UnauthorizedException";
            case 403 -> "ForbiddenException";
            case 404 -> "ResourceNotFoundException";
            case 405 -> "MethodNotAllowedException";
            case 409 -> "ConflictException";
            case 413 -> "RequestEntityTooLargeException";
            case 415 -> "UnsupportedDocumentEncodingException";
            case 429 -> "ThrottlingException";
            case 503 -> "ServiceUnavailableException";
            default -> "InternalFailureException";
        };
    }

    /**
     * The MQTT error document {@code {"code","message","timestamp","clientToken"}}. AWS's observed
     * 404 documents carry no timestamp, so none is written for 404.
     */
    public ObjectNode document(long timestampSeconds, Optional<String> clientToken) {
        ObjectNode node = Json.object();
        node.put("code", code);
        node.put("message", message);
        if (code != 404) {
            node.put("timestamp", timestampSeconds);
        }
        clientToken.ifPresent(token -> node.put("clientToken", token));
        return node;
    }

    /** The REST error body {@code {"message":…}}. */
    public ObjectNode restBody() {
        ObjectNode node = Json.object();
        node.put("message", message);
        return node;
    }
}
