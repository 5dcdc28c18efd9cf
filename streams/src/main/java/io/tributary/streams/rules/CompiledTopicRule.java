package io.tributary.streams.rules;

import io.tributary.rules.CompiledRule;
import java.util.List;

/**
 * A topic rule ready to run: its SQL compiled, its actions' templates compiled.
 *
 * @param errorAction null when the rule has none
 */
record CompiledTopicRule(TopicRule rule, CompiledRule sql, List<CompiledAction> actions, CompiledAction errorAction) {

  String name() {
    return rule.name();
  }

  /** The FROM filter, or null for a rule without FROM (reachable through Basic Ingest only). */
  String topicFilter() {
    return sql.topicFilter().orElse(null);
  }
}
