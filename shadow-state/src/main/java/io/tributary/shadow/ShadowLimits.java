package io.tributary.shadow;

import java.time.Duration;
import java.util.Objects;

/**
 * The shadow service's limits. {@link #aws()} gives AWS IoT Core's defaults.
 *
 * @param maxStateBytes             UTF-8 bytes of the compact JSON of the merged {@code desired}
 *                                  plus {@code reported} sections (metadata excluded); above → 413
 * @param maxDepth                  nesting levels (objects and arrays) allowed in {@code desired}
 *                                  and in {@code reported}; above → 400
 * @param maxClientTokenBytes       UTF-8 bytes of a {@code clientToken}; above → 400
 * @param maxNamedShadowsPerThing   named shadows one thing may have; creating one more → 400
 *                                  ({@link Integer#MAX_VALUE}: unlimited, as on AWS)
 * @param maxRequestsPerSecondPerThing shadow requests per second per thing before 429
 *                                  ({@code 0}: unlimited)
 * @param deletedVersionRetention   how long a deleted shadow's version is remembered, so that
 *                                  re-creating it continues the numbering
 */
public record ShadowLimits(
        int maxStateBytes,
        int maxDepth,
        int maxClientTokenBytes,
        int maxNamedShadowsPerThing,
        int maxRequestsPerSecondPerThing,
        Duration deletedVersionRetention) {

    /** AWS IoT Core's shadow state limit: 8 KB. */
    public static final int AWS_MAX_STATE_BYTES = 8 * 1024;
    /** AWS IoT Core's nesting limit. */
    public static final int AWS_MAX_DEPTH = 6;
    /** AWS IoT Core's client-token limit. */
    public static final int AWS_MAX_CLIENT_TOKEN_BYTES = 64;
    /** AWS IoT Core's per-thing request rate. */
    public static final int AWS_MAX_REQUESTS_PER_SECOND_PER_THING = 20;
    /** AWS IoT Core keeps a deleted shadow's version for 48 hours. */
    public static final Duration AWS_DELETED_VERSION_RETENTION = Duration.ofHours(48);

    public ShadowLimits {
        positive(maxStateBytes, "maxStateBytes");
        positive(maxDepth, "maxDepth");
        positive(maxClientTokenBytes, "maxClientTokenBytes");
        if (maxNamedShadowsPerThing < 0 || maxRequestsPerSecondPerThing < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        Objects.requireNonNull(deletedVersionRetention, "deletedVersionRetention");
        if (deletedVersionRetention.isNegative()) {
            throw new IllegalArgumentException("deletedVersionRetention must not be negative");
        }
    }

    /** AWS IoT Core's defaults. */
    public static ShadowLimits aws() {
        return new ShadowLimits(AWS_MAX_STATE_BYTES, AWS_MAX_DEPTH, AWS_MAX_CLIENT_TOKEN_BYTES,
                Integer.MAX_VALUE, AWS_MAX_REQUESTS_PER_SECOND_PER_THING, AWS_DELETED_VERSION_RETENTION);
    }

    public ShadowLimits withMaxStateBytes(int value) {
        return new ShadowLimits(value, maxDepth, maxClientTokenBytes, maxNamedShadowsPerThing,
                maxRequestsPerSecondPerThing, deletedVersionRetention);
    }

    public ShadowLimits withMaxDepth(int value) {
        return new ShadowLimits(maxStateBytes, value, maxClientTokenBytes, maxNamedShadowsPerThing,
                maxRequestsPerSecondPerThing, deletedVersionRetention);
    }

    public ShadowLimits withMaxClientTokenBytes(int value) {
        return new ShadowLimits(maxStateBytes, maxDepth, value, maxNamedShadowsPerThing,
                maxRequestsPerSecondPerThing, deletedVersionRetention);
    }

    public ShadowLimits withMaxNamedShadowsPerThing(int value) {
        return new ShadowLimits(maxStateBytes, maxDepth, maxClientTokenBytes, value,
                maxRequestsPerSecondPerThing, deletedVersionRetention);
    }

    public ShadowLimits withMaxRequestsPerSecondPerThing(int value) {
        return new ShadowLimits(maxStateBytes, maxDepth, maxClientTokenBytes, maxNamedShadowsPerThing,
                value, deletedVersionRetention);
    }

    public ShadowLimits withDeletedVersionRetention(Duration value) {
        return new ShadowLimits(maxStateBytes, maxDepth, maxClientTokenBytes, maxNamedShadowsPerThing,
                maxRequestsPerSecondPerThing, value);
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
