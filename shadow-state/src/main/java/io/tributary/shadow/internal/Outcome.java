package io.tributary.shadow.internal;

import io.tributary.shadow.ShadowResult;
import io.tributary.shadow.StoredShadow;

import java.util.List;
import java.util.Optional;

/**
 * What one operation decided, before it is shaped into MQTT messages or a REST response.
 */
public sealed interface Outcome {

    /**
     * The request succeeded.
     *
     * @param change   how the store changes
     * @param state    the state to write, for {@link ShadowResult.Change#PUT}
     * @param messages what to publish; the first is the operation's accepted message, whose payload
     *                 is also the REST response body
     */
    record Accepted(ShadowResult.Change change, Optional<StoredShadow> state, List<Publication> messages)
            implements Outcome {
        public Accepted {
            messages = List.copyOf(messages);
        }
    }

    /**
     * The request failed.
     *
     * @param error       the AWS error
     * @param clientToken the request's token, echoed in the error document
     * @param cleanup     {@link ShadowResult.Change#REMOVE} when an expired deleted marker was found,
     *                    else {@link ShadowResult.Change#UNCHANGED}
     */
    record Rejected(ShadowError error, Optional<String> clientToken, ShadowResult.Change cleanup)
            implements Outcome {
        public Rejected(ShadowError error, Optional<String> clientToken) {
            this(error, clientToken, ShadowResult.Change.UNCHANGED);
        }
    }
}
