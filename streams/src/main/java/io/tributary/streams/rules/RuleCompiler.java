package io.tributary.streams.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.topic.TopicError;
import io.tributary.core.topic.TopicLimits;
import io.tributary.core.topic.Topics;
import io.tributary.rules.CompiledRule;
import io.tributary.rules.RuleSql;
import io.tributary.rules.SqlParseException;
import io.tributary.rules.SqlVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Compiles a {@link TopicRule}: the SQL in its version, the FROM filter, and each action's
 * templates. The control plane calls {@link #check} on CreateTopicRule and ReplaceTopicRule, so a
 * stored rule always compiles; the rules job compiles stored rules again on every node.
 */
public final class RuleCompiler {
  /** Action types Tributary performs. */
  public static final Set<String> SUPPORTED = Set.of("republish", "kafka", "http");

  private RuleCompiler() {}

  /**
   * Validates a rule as the control plane must before storing it.
   *
   * @throws InvalidRuleException {@code SqlParseException} or {@code InvalidRequestException}
   */
  public static void check(TopicRule rule) {
    compile(rule);
  }

  static CompiledTopicRule compile(TopicRule rule) {
    SqlVersion version = rule.sqlVersion() == null ? SqlVersion.DEFAULT
        : SqlVersion.fromId(rule.sqlVersion()).orElseThrow(() -> InvalidRuleException.invalid(
            "awsIotSqlVersion '" + rule.sqlVersion() + "' is not one of 2015-10-08, 2016-03-23, beta"));
    CompiledRule sql;
    try {
      sql = RuleSql.compile(rule.sql(), version);
    } catch (SqlParseException e) {
      throw InvalidRuleException.sql(e);
    }
    String filter = sql.topicFilter().orElse(null);
    if (filter != null) {
      TopicError error = Topics.validateFilter(filter, TopicLimits.unlimited());
      if (error != null || filter.startsWith("$share/")) {
        throw new InvalidRuleException(SqlParseException.ERROR_CODE,
            "FROM topic filter '" + filter + "' is invalid: " + (error == null ? "shared filters are not allowed" : error.message()));
      }
    }
    List<CompiledAction> actions = new ArrayList<>();
    for (JsonNode action : rule.actions()) {
      actions.add(action(sql, action, "actions[" + actions.size() + "]"));
    }
    CompiledAction error = rule.errorAction() == null ? null : action(sql, rule.errorAction(), "errorAction");
    return new CompiledTopicRule(rule, sql, List.copyOf(actions), error);
  }

  private static CompiledAction action(CompiledRule sql, JsonNode node, String where) {
    if (!node.isObject() || node.size() != 1) {
      throw InvalidRuleException.invalid(where + " must be an object with exactly one action type");
    }
    Iterator<String> names = node.fieldNames();
    String type = names.next();
    JsonNode body = node.get(type);
    if (!SUPPORTED.contains(type)) {
      throw InvalidRuleException.invalid("Action type '" + type + "' in " + where
          + " is not supported by Tributary; supported action types are republish, kafka and http");
    }
    if (!body.isObject()) {
      throw InvalidRuleException.invalid(where + "." + type + " must be an object");
    }
    return switch (type) {
      case "republish" -> new RepublishAction(sql, body);
      case "kafka" -> new KafkaAction(sql, body);
      default -> new HttpAction(sql, body);
    };
  }
}
