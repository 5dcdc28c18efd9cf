package io.tributary.streams.rules;

import io.tributary.rules.Lookups;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the records of the {@code <prefix>rules} topic into the {@link RuleCatalog}: each record
 * compiles one rule, a tombstone removes it, a stored rule that no longer compiles is logged and
 * left out. Each version of a rule applies to messages written at or after the timestamp of its
 * record (never before its creation time). Records are applied one by one and published as one
 * snapshot per batch ({@link #publish}). One thread at a time.
 */
final class RuleFeed {
  private static final Logger LOG = LoggerFactory.getLogger(RuleFeed.class);

  private final RuleCatalog catalog;
  private final Lookups lookups;
  private final Map<String, CompiledTopicRule> rules = new HashMap<>();
  private boolean changed;

  RuleFeed(RuleCatalog catalog, Lookups lookups) {
    this.catalog = catalog;
    this.lookups = lookups;
  }

  /** Applies one record of the rules topic; {@code value} null deletes. */
  void apply(String name, byte[] value, long recordTimestamp) {
    if (name == null) {
      return;
    }
    if (value == null) {
      if (rules.remove(name) != null) {
        changed = true;
        LOG.info("Rule {} deleted", name);
      }
      return;
    }
    CompiledTopicRule rule;
    try {
      rule = RuleCompiler.compile(TopicRule.fromStored(value), lookups);
    } catch (RuntimeException e) {
      LOG.warn("Stored rule {} cannot run and is ignored: {}", name, e.getMessage());
      changed |= rules.remove(name) != null;
      return;
    }
    // This version applies to messages written since it was stored (AWS: published after creation).
    rules.put(name, rule.withEffectiveFrom(Math.max(rule.effectiveFrom(), recordTimestamp)));
    changed = true;
    LOG.info("Rule {} {}: {}", name, rule.rule().disabled() ? "stored disabled" : "active", rule.rule().sql());
  }

  /** Publishes the records applied since the last call as one catalog snapshot (nothing when none changed). */
  void publish() {
    if (changed) {
      catalog.replaceAll(rules);
      changed = false;
    }
  }
}
