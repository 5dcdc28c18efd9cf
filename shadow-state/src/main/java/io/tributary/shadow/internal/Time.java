package io.tributary.shadow.internal;

/** Shadow documents carry epoch seconds; the service is fed epoch milliseconds. */
public final class Time {

    private Time() {
    }

    public static long seconds(long epochMillis) {
        return Math.floorDiv(epochMillis, 1000L);
    }
}
