package io.tributary.shadow;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShadowRateLimiterTest {

    private final ShadowRateLimiter limiter = new ShadowRateLimiter(ShadowLimits.aws());

    @Test
    void allowsTwentyPerSecondPerThingByDefault() {
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.tryAcquire("lamp", 1_000)).as("request %d", i).isTrue();
        }
        assertThat(limiter.tryAcquire("lamp", 1_000)).isFalse();
        assertThat(limiter.tryAcquire("other", 1_000)).isTrue();
    }

    @Test
    void refillsContinuously() {
        for (int i = 0; i < 20; i++) {
            limiter.tryAcquire("lamp", 0);
        }
        assertThat(limiter.tryAcquire("lamp", 49)).isFalse();
        assertThat(limiter.tryAcquire("lamp", 50)).isTrue();
        assertThat(limiter.tryAcquire("lamp", 50)).isFalse();
    }

    @Test
    void clockGoingBackwardsGrantsNothing() {
        for (int i = 0; i < 20; i++) {
            limiter.tryAcquire("lamp", 10_000);
        }
        assertThat(limiter.tryAcquire("lamp", 5_000)).isFalse();
    }

    @Test
    void forgetsIdleThings() {
        limiter.tryAcquire("lamp", 0);
        limiter.tryAcquire("fan", 999);
        limiter.evictIdle(1_000);
        assertThat(limiter.trackedThings()).isEqualTo(1);
    }

    @Test
    void zeroMeansUnlimited() {
        ShadowRateLimiter unlimited = new ShadowRateLimiter(ShadowLimits.aws().withMaxRequestsPerSecondPerThing(0));
        for (int i = 0; i < 1_000; i++) {
            assertThat(unlimited.tryAcquire("lamp", 0)).isTrue();
        }
        assertThat(unlimited.trackedThings()).isZero();
    }
}
