package io.tributary.shadow.internal;

import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowLimits;
import io.tributary.shadow.ShadowResult;
import io.tributary.shadow.ShadowTopic;
import io.tributary.shadow.StoredShadow;

import java.util.List;
import java.util.Optional;

/**
 * The delete operation (reference §5.7): replaces a live shadow by a deleted marker that keeps its
 * version, and answers {@code /delete/accepted} with that version; 404 when there is nothing to
 * delete. The payload only supplies a {@code clientToken}.
 */
public final class DeleteOperation {

    private final ShadowLimits limits;

    public DeleteOperation(ShadowLimits limits) {
        this.limits = limits;
    }

    public Outcome apply(ShadowId shadow, byte[] payload, Optional<StoredShadow> stored, long nowMillis) {
        LiveShadow live = LiveShadow.resolve(shadow, payload, stored, nowMillis, limits);
        if (live.rejection() != null) {
            return live.rejection();
        }
        Optional<String> token = live.token();
        Existing existing = live.existing();
        long version = existing.version();
        StoredShadow marker = StoredShadow.deleted(version, nowMillis);
        Publication accepted = new Publication(ShadowTopic.Kind.ACCEPTED,
                Documents.deleteAccepted(version, Time.seconds(nowMillis), token));
        return new Outcome.Accepted(ShadowResult.Change.PUT, Optional.of(marker), List.of(accepted));
    }
}
