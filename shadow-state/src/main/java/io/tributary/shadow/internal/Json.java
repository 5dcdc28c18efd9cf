package io.tributary.shadow.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The one JSON mapper of the module and the helpers every operation shares. */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Decodes strict UTF-8; empty if the bytes are not valid UTF-8. */
    public static Optional<String> decodeUtf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Parses one JSON value; empty if {@code text} is not exactly one JSON value. */
    public static Optional<JsonNode> parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Parses one JSON value from UTF-8 bytes; empty if they are not exactly one JSON value. */
    public static Optional<JsonNode> parse(byte[] utf8) {
        try {
            JsonNode node = MAPPER.readTree(utf8);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Parses bytes this module wrote; a failure is a corrupt store, reported unchecked. */
    public static JsonNode parseTrusted(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("not a JSON document", e);
        }
    }

    /** Compact JSON bytes, fields in insertion order. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact JSON of a string: quoted and escaped exactly as inside a document. */
    public static byte[] stringBytes(String value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A generator writing compact JSON to {@code out}, configured as {@link #bytes} is; write trees
     * into it with {@link #writeTree}.
     */
    public static JsonGenerator generator(OutputStream out) {
        try {
            return MAPPER.createGenerator(out);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A generator writing a sequence of compact JSON values to {@code out}, one after the other with
     * nothing between them, each as {@link #bytes} writes it alone: one generator for every piece
     * of JSON an update writes (see {@link JsonBytes#tree}).
     */
    public static JsonGenerator sequenceGenerator(OutputStream out) {
        JsonGenerator g = generator(out);
        g.setRootValueSeparator(null);
        return g;
    }

    /** Writes {@code node} as {@link #bytes} would. */
    public static void writeTree(JsonGenerator generator, JsonNode node) throws java.io.IOException {
        MAPPER.writeTree(generator, node);
    }

    /** UTF-8 length of the compact JSON of {@code node}. */
    public static int byteLength(JsonNode node) {
        return bytes(node).length;
    }
}
