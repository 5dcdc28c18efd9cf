package io.tributary.shadow.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Compact JSON put together from pieces already written as compact JSON (member names and
 * punctuation as ASCII literals, values as bytes): what writing the whole tree would give, without
 * writing the same subtree twice.
 */
final class JsonBytes extends ByteArrayOutputStream {

    JsonBytes(int size) {
        super(size);
    }

    /** Appends ASCII text (member names the caller knows need no escaping, punctuation). */
    JsonBytes ascii(String text) {
        byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
        write(raw, 0, raw.length);
        return this;
    }

    JsonBytes json(byte[] json) {
        write(json, 0, json.length);
        return this;
    }

    JsonBytes number(long value) {
        return ascii(Long.toString(value));
    }

    /** Appends the bytes of {@code span} of {@code source}. */
    JsonBytes json(JsonBytes source, Span span) {
        write(source.buf, span.start(), span.length());
        return this;
    }

    /** A copy of the bytes of {@code span}. */
    byte[] copy(Span span) {
        return Arrays.copyOfRange(buf, span.start(), span.end());
    }

    /**
     * Writes {@code node} with {@code g}, a {@link Json#sequenceGenerator} writing into this buffer,
     * and returns where its compact JSON is.
     */
    Span tree(JsonGenerator g, JsonNode node) throws IOException {
        g.flush();
        int start = count;
        Json.writeTree(g, node);
        g.flush();
        return new Span(start, count);
    }

    /** Like {@link #tree}, for a JSON string. */
    Span string(JsonGenerator g, String value) throws IOException {
        g.flush();
        int start = count;
        g.writeString(value);
        g.flush();
        return new Span(start, count);
    }

    /** A range of this buffer holding one JSON value. */
    record Span(int start, int end) {
        int length() {
            return end - start;
        }
    }
}
