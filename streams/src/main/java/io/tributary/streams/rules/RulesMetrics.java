package io.tributary.streams.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the rules job; updated by stream threads, read by anyone. */
public final class RulesMetrics {
  final LongAdder messages = new LongAdder();
  final LongAdder evaluations = new LongAdder();
  final LongAdder outputs = new LongAdder();
  final LongAdder platformWrites = new LongAdder();
  final LongAdder invocations = new LongAdder();
  final LongAdder actionFailures = new LongAdder();
  final LongAdder evaluationErrors = new LongAdder();
  final LongAdder loopsStopped = new LongAdder();
  final LongAdder malformed = new LongAdder();

  /** Current values by name, in a stable order. */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("messages", messages.sum());
    m.put("evaluations", evaluations.sum());
    m.put("outputs", outputs.sum());
    m.put("platformWrites", platformWrites.sum());
    m.put("invocations", invocations.sum());
    m.put("actionFailures", actionFailures.sum());
    m.put("evaluationErrors", evaluationErrors.sum());
    m.put("loopsStopped", loopsStopped.sum());
    m.put("malformed", malformed.sum());
    return m;
  }

  public long get(String name) {
    return snapshot().getOrDefault(name, 0L);
  }
}
