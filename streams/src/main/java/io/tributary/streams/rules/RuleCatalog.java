package io.tributary.streams.rules;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The compiled rules of one rules job, published copy-on-write: the {@link RuleFeed} (on the
 * rules reader's thread) replaces the snapshot on each rule change, stream tasks read it with one volatile read
 * per message and rebuild their own index when its version moved.
 */
final class RuleCatalog {
  /** An immutable view: every compiled rule by name, enabled or not. */
  record Snapshot(long version, Map<String, CompiledTopicRule> rules) {
    /** True when at least one rule is enabled. */
    boolean anyEnabled() {
      for (CompiledTopicRule rule : rules.values()) {
        if (!rule.rule().disabled()) {
          return true;
        }
      }
      return false;
    }
  }

  private volatile Snapshot snapshot = new Snapshot(0, Map.of());
  private volatile Consumer<Snapshot> listener = s -> { };

  /** Called with each new snapshot, on the thread that changed it (the rules reader's). */
  void onChange(Consumer<Snapshot> newListener) {
    listener = newListener;
  }

  private void publish(Snapshot next) {
    snapshot = next;
    listener.accept(next);
  }

  Snapshot snapshot() {
    return snapshot;
  }

  synchronized void replaceAll(Map<String, CompiledTopicRule> rules) {
    publish(new Snapshot(snapshot.version() + 1, Map.copyOf(rules)));
  }
}
