package io.tributary.shadow;

import io.tributary.shadow.internal.DeleteOperation;
import io.tributary.shadow.internal.GetOperation;
import io.tributary.shadow.internal.Json;
import io.tributary.shadow.internal.Outcome;
import io.tributary.shadow.internal.Publication;
import io.tributary.shadow.internal.RequestPayload;
import io.tributary.shadow.internal.ShadowError;
import io.tributary.shadow.internal.Time;
import io.tributary.shadow.internal.UpdateOperation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Device Shadow service as a pure function: given a request, what is stored for its shadow and
 * the time, it returns the store change and the messages to publish. No I/O, no clock of its own;
 * the caller runs requests for one shadow one at a time (one Streams task owns a shadow).
 *
 * <p>Start here. {@link #handle} answers MQTT requests (errors go to {@code …/rejected});
 * {@link #restGet}, {@link #restUpdate} and {@link #restDelete} answer the data-plane REST API.
 */
public final class ShadowService {

    private final ShadowLimits limits;
    private final UpdateOperation update;
    private final GetOperation get;
    private final DeleteOperation delete;

    public ShadowService(ShadowLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.update = new UpdateOperation(limits);
        this.get = new GetOperation(limits);
        this.delete = new DeleteOperation(limits);
    }

    public ShadowLimits limits() {
        return limits;
    }

    /** Handles an MQTT request as if the thing had no named shadows yet (see the four-argument form). */
    public ShadowResult handle(ShadowRequest request, Optional<StoredShadow> current, long nowMillis) {
        return handle(request, current, 0, nowMillis);
    }

    /**
     * Handles an MQTT request.
     *
     * @param current             what is stored for {@code request.shadow()}, if anything
     * @param namedShadowsOfThing how many live named shadows the thing has (checked against
     *                            {@link ShadowLimits#maxNamedShadowsPerThing()} when an update creates one)
     * @param nowMillis           the time, epoch milliseconds
     */
    public ShadowResult handle(ShadowRequest request, Optional<StoredShadow> current, int namedShadowsOfThing,
                               long nowMillis) {
        Outcome outcome = decide(request, current, namedShadowsOfThing, nowMillis);
        if (outcome instanceof Outcome.Rejected rejected) {
            ShadowMessage message = new ShadowMessage(
                    ShadowTopics.topic(request.shadow(), request.operation(), ShadowTopic.Kind.REJECTED),
                    Json.bytes(rejected.error().document(Time.seconds(nowMillis), rejected.clientToken())));
            return rejectedResult(rejected, List.of(message));
        }
        return acceptedResult(request, (Outcome.Accepted) outcome);
    }

    /** The 429 answer for an MQTT request refused by a {@link ShadowRateLimiter}. */
    public ShadowResult throttled(ShadowRequest request, long nowMillis) {
        Optional<String> token = RequestPayload.bestEffortToken(request.payload(), limits.maxClientTokenBytes());
        return ShadowResult.unchanged(List.of(new ShadowMessage(
                ShadowTopics.topic(request.shadow(), request.operation(), ShadowTopic.Kind.REJECTED),
                Json.bytes(ShadowError.THROTTLED.document(Time.seconds(nowMillis), token)))));
    }

    /** {@code GET /things/{thing}/shadow[?name=…]}: publishes nothing. */
    public RestResponse restGet(ShadowId shadow, Optional<StoredShadow> current, long nowMillis) {
        return rest(ShadowRequest.get(shadow), current, 0, nowMillis);
    }

    /** {@code POST /things/{thing}/shadow[?name=…]}: on success publishes accepted, delta, documents. */
    public RestResponse restUpdate(ShadowId shadow, byte[] body, Optional<StoredShadow> current,
                                   int namedShadowsOfThing, long nowMillis) {
        return rest(ShadowRequest.update(shadow, body), current, namedShadowsOfThing, nowMillis);
    }

    /** {@code DELETE /things/{thing}/shadow[?name=…]}: on success publishes {@code /delete/accepted}. */
    public RestResponse restDelete(ShadowId shadow, Optional<StoredShadow> current, long nowMillis) {
        return rest(ShadowRequest.delete(shadow), current, 0, nowMillis);
    }

    /** The 429 answer for a REST call refused by a {@link ShadowRateLimiter}. */
    public RestResponse restThrottled() {
        return restError(ShadowError.THROTTLED, ShadowResult.unchanged(List.of()));
    }

    private RestResponse rest(ShadowRequest request, Optional<StoredShadow> current, int namedShadowsOfThing,
                              long nowMillis) {
        Outcome outcome = decide(request, current, namedShadowsOfThing, nowMillis);
        if (outcome instanceof Outcome.Rejected rejected) {
            return restError(rejected.error(), rejectedResult(rejected, List.of()));
        }
        ShadowResult effects = acceptedResult(request, (Outcome.Accepted) outcome);
        byte[] body = effects.messages().get(0).payload();
        ShadowResult published = request.operation() == ShadowOperation.GET
                ? ShadowResult.unchanged(List.of()) : effects;
        return new RestResponse(200, Optional.empty(), body, published);
    }

    private Outcome decide(ShadowRequest request, Optional<StoredShadow> current, int namedShadowsOfThing,
                           long nowMillis) {
        Objects.requireNonNull(current, "current");
        return switch (request.operation()) {
            case GET -> get.apply(request.shadow(), request.payload(), current, nowMillis);
            case UPDATE -> update.apply(request.shadow(), request.payload(), current, namedShadowsOfThing, nowMillis);
            case DELETE -> delete.apply(request.shadow(), request.payload(), current, nowMillis);
        };
    }

    private static ShadowResult acceptedResult(ShadowRequest request, Outcome.Accepted accepted) {
        List<ShadowMessage> messages = accepted.messages().stream()
                .map(publication -> toMessage(request, publication))
                .toList();
        return new ShadowResult(accepted.change(), accepted.state(), messages);
    }

    private static ShadowResult rejectedResult(Outcome.Rejected rejected, List<ShadowMessage> messages) {
        return rejected.cleanup() == ShadowResult.Change.REMOVE
                ? ShadowResult.remove(messages) : ShadowResult.unchanged(messages);
    }

    private static ShadowMessage toMessage(ShadowRequest request, Publication publication) {
        String topic = ShadowTopics.topic(request.shadow(), request.operation(), publication.kind());
        return new ShadowMessage(topic, publication.payload());
    }

    private static RestResponse restError(ShadowError error, ShadowResult effects) {
        return new RestResponse(error.code(), Optional.of(error.restErrorType()), Json.bytes(error.restBody()),
                effects);
    }
}
