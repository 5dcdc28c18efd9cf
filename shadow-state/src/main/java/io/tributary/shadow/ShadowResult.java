package io.tributary.shadow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What handling one request produced: how the stored state changes, and the messages to publish,
 * in order.
 *
 * @param change   whether the store must write {@code state}, remove the key, or do nothing
 * @param state    the state to write when {@code change} is {@link Change#PUT}, empty otherwise
 * @param messages the response messages, the operation's accepted or rejected message first
 */
public record ShadowResult(Change change, Optional<StoredShadow> state, List<ShadowMessage> messages) {

    /** How the store changes. */
    public enum Change {
        /** Keep what is stored. */
        UNCHANGED,
        /** Write {@link ShadowResult#state()} (a live shadow or a deleted marker). */
        PUT,
        /** Remove the key: it held a deleted marker whose retention has passed. */
        REMOVE
    }

    public ShadowResult {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(state, "state");
        messages = List.copyOf(messages);
        if ((change == Change.PUT) != state.isPresent()) {
            throw new IllegalArgumentException("a state is given exactly when the change is PUT");
        }
    }

    public static ShadowResult unchanged(List<ShadowMessage> messages) {
        return new ShadowResult(Change.UNCHANGED, Optional.empty(), messages);
    }

    public static ShadowResult put(StoredShadow state, List<ShadowMessage> messages) {
        return new ShadowResult(Change.PUT, Optional.of(state), messages);
    }

    public static ShadowResult remove(List<ShadowMessage> messages) {
        return new ShadowResult(Change.REMOVE, Optional.empty(), messages);
    }
}
