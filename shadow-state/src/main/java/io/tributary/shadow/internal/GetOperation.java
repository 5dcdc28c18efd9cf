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
        RequestPayload parsed = RequestPayload.parse(payload, false, limits.maxClientTokenBytes());
        Optional<String> token = parsed.clientToken();
        if (parsed.error().isPresent()) {
            return new Outcome.Rejected(parsed.error().get(), token);
        }
        Optional<ShadowError> badName = Names.check(shadow);
        if (badName.isPresent()) {
            return new Outcome.Rejected(badName.get(), token);
        }
        Existing existing = Existing.resolve(stored, nowMillis, limits.deletedVersionRetention());
        if (existing.live().isEmpty()) {
            return new Outcome.Rejected(ShadowError.noShadow(shadow.displayName()), token,
                    existing.expiredMarker() ? ShadowResult.Change.REMOVE : ShadowResult.Change.UNCHANGED);
        }
        Publication accepted = new Publication(ShadowTopic.Kind.ACCEPTED,
                Documents.getAccepted(existing.live().get(), Time.seconds(nowMillis), token));
        return new Outcome.Accepted(ShadowResult.Change.UNCHANGED, Optional.empty(), List.of(accepted));
    }
}
