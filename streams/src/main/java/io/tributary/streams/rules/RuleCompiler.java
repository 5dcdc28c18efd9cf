package io.tributary.streams.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.topic.TopicError;
import io.tributary.core.topic.TopicLimits;
import io.tributary.core.topic.Topics;
import io.tributary.rules.CompiledRule;
import io.tributary.rules.Lookups;
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
   * Validates a rule as the control plane must before storing it, without lookups: rules calling
   * {@code get_thing_shadow} or {@code get_registry_data} are refused.
   *
   * @throws InvalidRuleException {@code SqlParseException} or {@code InvalidRequestException}
   */
  public static void check(TopicRule rule) {
    compile(rule, Lookups.none());
  }

  /**
   * Validates a rule as the control plane must before storing it, with the lookups the rules jobs
   * compile with (so a rule is accepted exactly when the jobs can run it).
   *
   * @throws InvalidRuleException {@code SqlParseException} or {@code InvalidRequestException}
   */
  public static void check(TopicRule rule, Lookups lookups) {
    compile(rule, lookups);
  }

  static CompiledTopicRule compile(TopicRule rule) {
    return compile(rule, Lookups.none());
  }

  static CompiledTopicRule compile(TopicRule rule, Lookups lookups) {
    SqlVersion version = rule.sqlVersion() == null ? SqlVersion.DEFAULT
        : SqlVersion.fromId(rule.sqlVersion()).orElseThrow(() -> InvalidRuleException.invalid(
            "awsIotSqlVersion '" + rule.sqlVersion() + "' is not one of 2015-10-08, 2016-03-23, beta"));
    CompiledRule sql;
    try {
      sql = RuleSql.compile(rule.sql(), version, lookups);
    } catch (SqlParseException e) {
      throw InvalidRuleException.sql(explained(e, lookups));
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
    return new CompiledTopicRule(rule, sql, List.copyOf(actions), error, rule.createdAt() * 1000);
  }

  /** Says why a lookup function is unavailable in Tributary terms, keeping the position. */
  private static SqlParseException explained(SqlParseException e, Lookups lookups) {
    String token = e.token() == null ? "" : e.token();
    if (e.detail() == null || !e.detail().contains("reader")) {
      return e;
    }
    if (token.equalsIgnoreCase("get_thing_shadow") && lookups.shadowReader().isEmpty()) {
      return new SqlParseException(e.line(), e.column(), e.token(), "Function '" + token
          + "' reads Tributary's device shadows, which are disabled on this node (shadow.enabled=false)");
    }
    if (token.equalsIgnoreCase("get_registry_data") && lookups.registryReader().isEmpty()) {
      return new SqlParseException(e.line(), e.column(), e.token(), "Function '" + token
          + "' is not supported yet: Tributary has no thing registry");
    }
    return e;
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
