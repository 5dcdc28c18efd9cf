package io.tributary.streams.rules;

import io.tributary.rules.CompiledRule;
import java.util.List;

/**
 * A topic rule ready to run: its SQL compiled, its actions' templates compiled.
 *
 * @param errorAction null when the rule has none
 * @param effectiveFrom epoch millis: the rule applies to messages whose record timestamp (the time
 *     the gateway wrote them) is not earlier; the time this version of the rule was stored
 */
record CompiledTopicRule(TopicRule rule, CompiledRule sql, List<CompiledAction> actions, CompiledAction errorAction,
                         long effectiveFrom) {

  CompiledTopicRule withEffectiveFrom(long millis) {
    return new CompiledTopicRule(rule, sql, actions, errorAction, millis);
  }

  String name() {
    return rule.name();
  }

  /** The FROM filter, or null for a rule without FROM (reachable through Basic Ingest only). */
  String topicFilter() {
    return sql.topicFilter().orElse(null);
  }
}
