package io.tributary.streams.rules;

import io.tributary.core.topic.MatchMode;
import io.tributary.core.topic.SubscriptionTrie;
import java.util.Comparator;
import java.util.List;

/**
 * One stream task's index of the enabled rules by FROM filter. Owned by the task's thread (the
 * trie is not thread-safe); rebuilt from the {@link RuleCatalog} snapshot when its version moved,
 * so finding a message's rules costs the topic's depth and the matching rules, not all rules.
 */
final class RuleIndex {
  private static final Comparator<CompiledTopicRule> BY_NAME = Comparator.comparing(CompiledTopicRule::name);

  private final RuleCatalog catalog;
  private final MatchMode mode;
  private RuleCatalog.Snapshot current;
  private SubscriptionTrie<CompiledTopicRule> trie;
  private boolean anyEnabled;

  RuleIndex(RuleCatalog catalog, MatchMode mode) {
    this.catalog = catalog;
    this.mode = mode;
  }

  /** Picks up the latest snapshot; cheap when nothing changed. */
  void refresh() {
    RuleCatalog.Snapshot latest = catalog.snapshot();
    if (latest == current) {
      return;
    }
    SubscriptionTrie<CompiledTopicRule> next = new SubscriptionTrie<>(mode);
    for (CompiledTopicRule rule : latest.rules().values()) {
      if (!rule.rule().disabled() && rule.topicFilter() != null) {
        next.add(rule.topicFilter(), rule);
      }
    }
    trie = next;
    anyEnabled = latest.anyEnabled();
    current = latest;
  }

  /** False while no rule is enabled: then no message needs looking at. */
  boolean anyEnabled() {
    return anyEnabled;
  }

  /** Adds the enabled rules whose filter matches {@code topic} to {@code out}, ordered by name. */
  void match(String topic, List<CompiledTopicRule> out) {
    trie.forEachMatch(topic, (filter, rule) -> out.add(rule));
    if (out.size() > 1) {
      out.sort(BY_NAME);
    }
  }

  /** The enabled rule called {@code name}, for Basic Ingest; null when none. */
  CompiledTopicRule enabled(String name) {
    CompiledTopicRule rule = current.rules().get(name);
    return rule == null || rule.rule().disabled() ? null : rule;
  }
}
