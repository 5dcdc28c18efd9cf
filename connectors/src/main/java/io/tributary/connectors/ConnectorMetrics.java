package io.tributary.connectors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the connector worker; safe to update from any thread. */
public final class ConnectorMetrics {
  final LongAdder invocations = new LongAdder();
  final LongAdder actionsSucceeded = new LongAdder();
  final LongAdder actionsFailed = new LongAdder();
  final LongAdder retries = new LongAdder();
  final LongAdder errorActionsSent = new LongAdder();
  final LongAdder errorActionsFailed = new LongAdder();
  final LongAdder malformedInvocations = new LongAdder();

  /** Current values by name, in a stable order. */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("invocations", invocations.sum());
    m.put("actionsSucceeded", actionsSucceeded.sum());
    m.put("actionsFailed", actionsFailed.sum());
    m.put("retries", retries.sum());
    m.put("errorActionsSent", errorActionsSent.sum());
    m.put("errorActionsFailed", errorActionsFailed.sum());
    m.put("malformedInvocations", malformedInvocations.sum());
    return m;
  }

  public long get(String name) {
    return snapshot().getOrDefault(name, 0L);
  }
}
