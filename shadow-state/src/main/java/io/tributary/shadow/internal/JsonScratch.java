package io.tributary.shadow.internal;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A thread's reusable buffer and the {@link Json#sequenceGenerator} writing into it, for the pieces
 * of JSON an update writes: creating and closing a Jackson generator for each update cost about as
 * much as writing the pieces with it. {@link #take()} it, write complete values, copy out what is
 * needed, then {@link #give()} it back. A scratch that is not given back (an exception while
 * writing may leave the generator inside a value) is simply dropped, never reused; a nested
 * {@code take()} on the same thread gets a fresh one.
 */
final class JsonScratch {

    /** A buffer grown beyond this by an unusually large update is not kept. */
    private static final int KEEP_BYTES = 64 * 1024;
    private static final ThreadLocal<JsonScratch> IDLE = new ThreadLocal<>();

    final JsonBytes bytes = new JsonBytes(1024);
    final JsonGenerator generator = Json.sequenceGenerator(bytes);

    private JsonScratch() {
    }

    /** This thread's idle scratch, emptied, or a new one. */
    static JsonScratch take() {
        JsonScratch scratch = IDLE.get();
        if (scratch == null) {
            return new JsonScratch();
        }
        IDLE.remove();
        scratch.bytes.reset();
        return scratch;
    }

    /** Hands the scratch back to this thread once everything written with it is complete and copied out. */
    void give() {
        try {
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.size() <= KEEP_BYTES) {
            bytes.reset();
            IDLE.set(this);
        }
    }
}
