package io.tributary.shadow.internal;

import io.tributary.shadow.StoredShadow;

import java.time.Duration;
import java.util.Optional;

/**
 * What is stored for a shadow, as the operations see it at a given time (reference §5.7 and §5.4
 * step 12): the live shadow if there is one, and the version the next write builds on, which
 * continues a deleted shadow's numbering while its marker is younger than the retention and
 * restarts from 0 after it.
 *
 * @param live          the live shadow; empty if none or deleted
 * @param version       the current version: the live shadow's, a recent deleted shadow's, or 0
 * @param expiredMarker true if a deleted marker older than the retention is stored
 */
public record Existing(Optional<StoredShadow> live, long version, boolean expiredMarker) {

    public static Existing resolve(Optional<StoredShadow> stored, long nowMillis, Duration retention) {
        if (stored.isEmpty()) {
            return new Existing(Optional.empty(), 0, false);
        }
        StoredShadow shadow = stored.get();
        if (!shadow.isDeleted()) {
            return new Existing(stored, shadow.version(), false);
        }
        long age = nowMillis - shadow.deletedAtMillis().getAsLong();
        if (age < retention.toMillis()) {
            return new Existing(Optional.empty(), shadow.version(), false);
        }
        return new Existing(Optional.empty(), 0, true);
    }
}
