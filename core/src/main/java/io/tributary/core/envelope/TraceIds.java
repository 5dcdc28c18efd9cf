package io.tributary.core.envelope;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Trace ids for envelopes: random (version 4) UUIDs drawn from {@link ThreadLocalRandom}. A trace
 * id names a message, it protects nothing, so it needs no {@code SecureRandom} (which
 * {@link UUID#randomUUID()} uses, with a lock shared by every thread) on the publish path.
 */
public final class TraceIds {
  private TraceIds() {}

  public static String next() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L; // version 4
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(msb, lsb).toString();
  }
}
