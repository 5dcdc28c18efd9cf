package io.tributary.shadow;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Limits shadow requests per thing (all its shadows together) to
 * {@link ShadowLimits#maxRequestsPerSecondPerThing()}, as a token bucket per thing holding one
 * second's worth of requests and refilled continuously. Fed by timestamps, so it is deterministic
 * under test. Not thread-safe: it belongs to the task that owns the things' requests.
 *
 * <p>A refused request gets {@link ShadowService#throttled} (MQTT) or
 * {@link ShadowService#restThrottled()} (REST): error 429.
 */
public final class ShadowRateLimiter {

    private static final long MILLI_TOKENS_PER_REQUEST = 1000;
    private static final int MIN_SWEEP_SIZE = 1024;

    private final long ratePerSecond;
    private final long capacity;
    private final Map<String, Bucket> buckets = new HashMap<>();
    private int sweepAt = MIN_SWEEP_SIZE;

    private static final class Bucket {
        private long milliTokens;
        private long lastMillis;

        Bucket(long milliTokens, long lastMillis) {
            this.milliTokens = milliTokens;
            this.lastMillis = lastMillis;
        }
    }

    public ShadowRateLimiter(ShadowLimits limits) {
        this.ratePerSecond = Objects.requireNonNull(limits, "limits").maxRequestsPerSecondPerThing();
        this.capacity = ratePerSecond * MILLI_TOKENS_PER_REQUEST;
    }

    /** Takes one request for {@code thingName} at {@code nowMillis}; false if over the limit. */
    public boolean tryAcquire(String thingName, long nowMillis) {
        if (ratePerSecond == 0) {
            return true;
        }
        Bucket bucket = buckets.get(thingName);
        if (bucket == null) {
            buckets.put(thingName, new Bucket(capacity - MILLI_TOKENS_PER_REQUEST, nowMillis));
            sweepIfLarge(nowMillis);
            return true;
        }
        refill(bucket, nowMillis);
        if (bucket.milliTokens < MILLI_TOKENS_PER_REQUEST) {
            return false;
        }
        bucket.milliTokens -= MILLI_TOKENS_PER_REQUEST;
        return true;
    }

    /** Forgets things whose bucket has refilled completely: they are as good as new. */
    public void evictIdle(long nowMillis) {
        buckets.values().removeIf(bucket -> {
            refill(bucket, nowMillis);
            return bucket.milliTokens >= capacity;
        });
    }

    /** How many things the limiter currently remembers. */
    public int trackedThings() {
        return buckets.size();
    }

    private void refill(Bucket bucket, long nowMillis) {
        long elapsed = Math.max(0, nowMillis - bucket.lastMillis);
        long refill = elapsed >= 1000 ? capacity : elapsed * ratePerSecond;
        bucket.milliTokens = Math.min(capacity, bucket.milliTokens + refill);
        bucket.lastMillis = Math.max(bucket.lastMillis, nowMillis);
    }

    private void sweepIfLarge(long nowMillis) {
        if (buckets.size() >= sweepAt) {
            evictIdle(nowMillis);
            sweepAt = Math.max(MIN_SWEEP_SIZE, buckets.size() * 2);
        }
    }
}
