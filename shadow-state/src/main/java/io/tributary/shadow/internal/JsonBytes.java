package io.tributary.shadow.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

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
}
