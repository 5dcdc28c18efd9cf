package io.tributary.shadow.internal;

import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowLimits;
import io.tributary.shadow.ShadowResult;
import io.tributary.shadow.StoredShadow;

import java.util.Optional;

/**
 * What get and delete both establish first: a readable payload (only its {@code clientToken}
 * counts), a valid name, and a live shadow. Exactly one of {@code existing} and {@code rejection}
 * is set; a rejection for a missing shadow also says whether an expired deleted marker can go.
 */
record LiveShadow(Optional<String> token, Existing existing, Outcome.Rejected rejection) {

    static LiveShadow resolve(ShadowId shadow, byte[] payload, Optional<StoredShadow> stored, long nowMillis,
            ShadowLimits limits) {
        RequestPayload parsed = RequestPayload.parse(payload, false, limits.maxClientTokenBytes());
        Optional<String> token = parsed.clientToken();
        if (parsed.error().isPresent()) {
            return rejected(token, new Outcome.Rejected(parsed.error().get(), token));
        }
        Optional<ShadowError> badName = Names.check(shadow);
        if (badName.isPresent()) {
            return rejected(token, new Outcome.Rejected(badName.get(), token));
        }
        Existing existing = Existing.resolve(stored, nowMillis, limits.deletedVersionRetention());
        if (existing.live().isEmpty()) {
            return rejected(token, new Outcome.Rejected(ShadowError.noShadow(shadow.displayName()), token,
                    existing.expiredMarker() ? ShadowResult.Change.REMOVE : ShadowResult.Change.UNCHANGED));
        }
        return new LiveShadow(token, existing, null);
    }

    private static LiveShadow rejected(Optional<String> token, Outcome.Rejected rejection) {
        return new LiveShadow(token, null, rejection);
    }
}
