package io.tributary.shadow.internal;

import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowLimits;
import io.tributary.shadow.ShadowResult;
import io.tributary.shadow.ShadowTopic;
import io.tributary.shadow.StoredShadow;

import java.util.List;
import java.util.Optional;

/**
 * The get operation: the full document with its delta on {@code /get/accepted}, or 404 when the
 * shadow does not exist or was deleted. The payload only supplies a {@code clientToken}.
 */
public final class GetOperation {

    private final ShadowLimits limits;

    public GetOperation(ShadowLimits limits) {
        this.limits = limits;
    }

    public Outcome apply(ShadowId shadow, byte[] payload, Optional<StoredShadow> stored, long nowMillis) {
        LiveShadow live = LiveShadow.resolve(shadow, payload, stored, nowMillis, limits);
        if (live.rejection() != null) {
            return live.rejection();
        }
        Optional<String> token = live.token();
        Existing existing = live.existing();
        Publication accepted = new Publication(ShadowTopic.Kind.ACCEPTED,
                Documents.getAccepted(existing.live().get(), Time.seconds(nowMillis), token));
        return new Outcome.Accepted(ShadowResult.Change.UNCHANGED, Optional.empty(), List.of(accepted));
    }
}
