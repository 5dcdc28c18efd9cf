package io.tributary.rules.internal.eval;

import io.tributary.rules.internal.value.BinaryValue;
import io.tributary.rules.internal.value.JsonValues;
import io.tributary.rules.internal.value.Value;
import java.time.Clock;

/**
 * Per-message memo: the payload parsed once for each SQL-version flavour (whole-number decimals
 * as Decimals or as Ints) and the {@code timestamp()} value. Races only repeat idempotent work.
 */
public final class PayloadCache {

  private volatile Value decimals;
  private volatile Value wholeInts;
  private volatile long timestamp;
  private volatile boolean timestampSet;

  Value payload(byte[] bytes, boolean wholeAsInt) {
    Value v = wholeAsInt ? wholeInts : decimals;
    if (v == null) {
      v = JsonValues.parse(bytes, wholeAsInt);
      if (v == null) {
        v = new BinaryValue(bytes);
      }
      if (wholeAsInt) {
        wholeInts = v;
      } else {
        decimals = v;
      }
    }
    return v;
  }

  long timestamp(Clock clock) {
    if (!timestampSet) {
      timestamp = clock.millis();
      timestampSet = true;
    }
    return timestamp;
  }
}
