package io.tributary.streams.rules;

import java.util.HashMap;
import java.util.Map;

/**
 * The compiled rules of one rules job, published copy-on-write: the global-store processor (one
 * thread) replaces the snapshot on each rule change, stream tasks read it with one volatile read
 * per message and rebuild their own index when its version moved.
 */
final class RuleCatalog {
  /** An immutable view: every compiled rule by name, enabled or not. */
  record Snapshot(long version, Map<String, CompiledTopicRule> rules) {}

  private volatile Snapshot snapshot = new Snapshot(0, Map.of());

  Snapshot snapshot() {
    return snapshot;
  }

  synchronized void put(CompiledTopicRule rule) {
    Map<String, CompiledTopicRule> next = new HashMap<>(snapshot.rules());
    next.put(rule.name(), rule);
    snapshot = new Snapshot(snapshot.version() + 1, Map.copyOf(next));
  }

  synchronized void remove(String name) {
    if (!snapshot.rules().containsKey(name)) {
      return;
    }
    Map<String, CompiledTopicRule> next = new HashMap<>(snapshot.rules());
    next.remove(name);
    snapshot = new Snapshot(snapshot.version() + 1, Map.copyOf(next));
  }

  synchronized void replaceAll(Map<String, CompiledTopicRule> rules) {
    snapshot = new Snapshot(snapshot.version() + 1, Map.copyOf(rules));
  }
}
