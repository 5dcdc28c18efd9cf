package io.tributary.streams.rules;

import io.tributary.rules.Lookups;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global rule store and the {@link RuleCatalog} in step with the {@code <prefix>rules}
 * topic. On start it compiles whatever the store restored; then each record compiles one rule, a
 * tombstone removes it. A stored rule that no longer compiles is logged and left out. A rule
 * applies to messages written at or after the timestamp of its record (after its creation time
 * for rules loaded from the store at start).
 */
final class RuleStoreProcessor implements Processor<String, byte[], Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(RuleStoreProcessor.class);

  private final RuleCatalog catalog;
  private final Lookups lookups;
  private KeyValueStore<String, byte[]> store;

  RuleStoreProcessor(RuleCatalog catalog, Lookups lookups) {
    this.catalog = catalog;
    this.lookups = lookups;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(RulesTopology.RULE_STORE);
    Map<String, CompiledTopicRule> rules = new HashMap<>();
    try (KeyValueIterator<String, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        CompiledTopicRule rule = compile(entry.key, entry.value); // effective from its creation
        if (rule != null) {
          rules.put(entry.key, rule);
        }
      }
    }
    catalog.replaceAll(rules);
    LOG.info("Rules job loaded {} rule(s)", rules.size());
  }

  @Override
  public void process(Record<String, byte[]> record) {
    String name = record.key();
    if (name == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(name);
      catalog.remove(name);
      LOG.info("Rule {} deleted", name);
      return;
    }
    store.put(name, record.value());
    CompiledTopicRule rule = compile(name, record.value());
    if (rule == null) {
      catalog.remove(name);
    } else {
      // This version applies to messages written since it was stored (AWS: published after creation).
      rule = rule.withEffectiveFrom(Math.max(rule.effectiveFrom(), record.timestamp()));
      catalog.put(rule);
      LOG.info("Rule {} {}: {}", name, rule.rule().disabled() ? "stored disabled" : "active", rule.rule().sql());
    }
  }

  private CompiledTopicRule compile(String name, byte[] stored) {
    try {
      return RuleCompiler.compile(TopicRule.fromStored(stored), lookups);
    } catch (RuntimeException e) {
      LOG.warn("Stored rule {} cannot run and is ignored: {}", name, e.getMessage());
      return null;
    }
  }
}
