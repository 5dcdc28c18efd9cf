package io.tributary.shadow.internal;

import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowNames;

import java.util.Optional;

/** The name check every operation runs after reading the client token. */
final class Names {

    private Names() {
    }

    static Optional<ShadowError> check(ShadowId shadow) {
        if (!ShadowNames.isValidThingName(shadow.thingName())) {
            return Optional.of(ShadowError.INVALID_THING_NAME);
        }
        if (!shadow.isClassic() && !ShadowNames.isValidShadowName(shadow.shadowName())) {
            return Optional.of(ShadowError.INVALID_SHADOW_NAME);
        }
        return Optional.empty();
    }
}
