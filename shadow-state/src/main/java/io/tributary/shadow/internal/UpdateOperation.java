package io.tributary.shadow.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowLimits;
import io.tributary.shadow.ShadowResult;
import io.tributary.shadow.ShadowTopic;
import io.tributary.shadow.StoredShadow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The update operation (reference §5.4): validate, check the expected version, merge, check the
 * size, bump the version, and answer with {@code /update/accepted}, {@code /update/delta} when the
 * resulting document has a delta, and {@code /update/documents}.
 */
public final class UpdateOperation {

    private final ShadowLimits limits;

    public UpdateOperation(ShadowLimits limits) {
        this.limits = limits;
    }

    /**
     * @param namedShadowsOfThing how many named shadows the thing has now (for the per-thing limit)
     */
    public Outcome apply(ShadowId shadow, byte[] payload, Optional<StoredShadow> stored,
                         int namedShadowsOfThing, long nowMillis) {
        RequestPayload parsed = RequestPayload.parse(payload, true, limits.maxClientTokenBytes());
        Optional<String> token = parsed.clientToken();
        if (parsed.error().isPresent()) {
            return new Outcome.Rejected(parsed.error().get(), token);
        }
        Optional<ShadowError> badName = Names.check(shadow);
        if (badName.isPresent()) {
            return new Outcome.Rejected(badName.get(), token);
        }
        UpdateRequest request;
        try {
            request = UpdateRequest.validate(parsed.json().orElseThrow(), limits.maxDepth());
        } catch (UpdateRequest.Invalid invalid) {
            return new Outcome.Rejected(invalid.error(), token);
        }
        Existing existing = Existing.resolve(stored, nowMillis, limits.deletedVersionRetention());
        if (request.expectedVersion().isPresent()
                && request.expectedVersion().getAsLong() != existing.version()) {
            return new Outcome.Rejected(ShadowError.VERSION_CONFLICT, token);
        }
        if (!shadow.isClassic() && existing.live().isEmpty()
                && namedShadowsOfThing >= limits.maxNamedShadowsPerThing()) {
            return new Outcome.Rejected(ShadowError.tooManyNamedShadows(limits.maxNamedShadowsPerThing()), token);
        }
        return merge(request.state(), existing, nowMillis, token);
    }

    private Outcome merge(JsonNode requestState, Existing existing, long nowMillis, Optional<String> token) {
        long timestamp = Time.seconds(nowMillis);
        // Read-only views: the merger copies the sections it changes.
        ObjectNode currentState = existing.live().map(StoredShadowAccess::state).orElseGet(Json::object);
        ObjectNode currentMetadata = existing.live().map(StoredShadowAccess::metadata).orElseGet(Json::object);
        StateMerger.Merged merged = StateMerger.merge(currentState, currentMetadata, requestState, timestamp);
        // The size AWS limits is the sections' compact JSON, which is also what the stored form holds:
        // write each section once, measure it, and reuse it for the stored form and /update/documents.
        // One generator writes every piece, one after the other, into one buffer, both kept per thread.
        JsonScratch scratch = JsonScratch.take();
        Outcome outcome;
        try {
            outcome = answer(scratch.generator, scratch.bytes, requestState, merged, existing, timestamp, token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        scratch.give();
        return outcome;
    }

    private Outcome answer(JsonGenerator g, JsonBytes pieces, JsonNode requestState, StateMerger.Merged merged,
                           Existing existing, long timestamp, Optional<String> token) throws IOException {
        JsonBytes.Span desired = section(g, pieces, merged.state(), "desired");
        JsonBytes.Span reported = section(g, pieces, merged.state(), "reported");
        if (length(desired) + length(reported) > limits.maxStateBytes()) {
            return new Outcome.Rejected(ShadowError.TOO_LARGE, token);
        }
        long version = existing.version() + 1;
        JsonBytes.Span metadata = pieces.tree(g, merged.metadata());
        int start = pieces.size();
        Documents.updateAccepted(g, requestState, version, timestamp, token);
        g.flush();
        JsonBytes.Span accepted = new JsonBytes.Span(start, pieces.size());
        JsonBytes.Span tokenJson = token.isPresent() ? pieces.string(g, token.get()) : null;
        byte[] stored = Documents.stored(pieces, desired, reported, metadata, version);
        StoredShadow next = StoredShadowAccess.live(merged.state(), merged.metadata(), version, stored);
        List<Publication> messages = new ArrayList<>(3);
        messages.add(Publication.ofJson(ShadowTopic.Kind.ACCEPTED, pieces.copy(accepted)));
        Delta delta = Delta.of(merged.state(), merged.metadata());
        if (!delta.isEmpty()) {
            messages.add(new Publication(ShadowTopic.Kind.DELTA, Documents.delta(delta, version, timestamp, token)));
        }
        messages.add(Publication.ofJson(ShadowTopic.Kind.DOCUMENTS,
                Documents.documents(existing.live(), next, timestamp, pieces, tokenJson)));
        return new Outcome.Accepted(ShadowResult.Change.PUT, Optional.of(next), messages);
    }

    /** Where {@code g} wrote section {@code name} of {@code state} in {@code pieces}; null if absent. */
    private static JsonBytes.Span section(JsonGenerator g, JsonBytes pieces, ObjectNode state, String name)
            throws IOException {
        JsonNode value = state.get(name);
        return value == null ? null : pieces.tree(g, value);
    }

    private static int length(JsonBytes.Span json) {
        return json == null ? 0 : json.length();
    }
}
