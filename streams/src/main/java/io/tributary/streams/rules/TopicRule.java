package io.tributary.streams.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.rules.RuleSql;
import io.tributary.rules.SqlParseException;
import io.tributary.rules.SqlVersion;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * A topic rule as stored on the {@code <prefix>rules} topic: the GetTopicRule response
 * {@code {"ruleArn":…, "rule":{ruleName, sql, description, createdAt, actions, ruleDisabled,
 * awsIotSqlVersion, errorAction}}}. Actions are kept as the JSON the client sent.
 *
 * @param sqlVersion {@code awsIotSqlVersion} as given, or null (meaning 2015-10-08)
 * @param createdAt epoch seconds
 * @param errorAction the error action's JSON, or null
 */
public record TopicRule(String name, String sql, String description, long createdAt, boolean disabled,
                        String sqlVersion, ArrayNode actions, ObjectNode errorAction) {
  static final ObjectMapper JSON = new ObjectMapper();
  /** ARN prefix of rules; Tributary has one region and account. */
  public static final String ARN_PREFIX = "arn:aws:iot:us-east-1:123456789012:rule/";
  private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_]{1,128}$");
  private static final int MAX_ACTIONS = 10;
  private static final int MAX_SQL_BYTES = 256 * 1024;

  /** Whether {@code name} is a valid rule name: 1–128 of {@code [a-zA-Z0-9_]}. */
  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * The rule a CreateTopicRule or ReplaceTopicRule body (the TopicRulePayload) describes. Checks
   * the shape only; {@link RuleCompiler#compile} checks the SQL and the actions.
   *
   * @throws InvalidRuleException with {@code InvalidRequestException}
   */
  public static TopicRule fromPayload(String name, JsonNode payload, long createdAt) {
    if (!validName(name)) {
      throw InvalidRuleException.invalid("Rule name '" + name + "' is invalid: it must be 1-128 characters of a-z, A-Z, 0-9 and _");
    }
    if (payload == null || !payload.isObject()) {
      throw InvalidRuleException.invalid("The request body must be a TopicRulePayload JSON object");
    }
    JsonNode sql = payload.get("sql");
    if (sql == null || !sql.isTextual() || sql.asText().isBlank()) {
      throw InvalidRuleException.invalid("TopicRulePayload.sql is required");
    }
    if (sql.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SQL_BYTES) {
      throw InvalidRuleException.invalid("TopicRulePayload.sql exceeds 256 KB");
    }
    JsonNode actions = payload.get("actions");
    if (actions == null || !actions.isArray()) {
      throw InvalidRuleException.invalid("TopicRulePayload.actions is required and must be a list");
    }
    if (actions.size() > MAX_ACTIONS) {
      throw InvalidRuleException.invalid("A rule has at most 10 actions; this one has " + actions.size());
    }
    JsonNode error = payload.get("errorAction");
    if (error != null && !error.isNull() && !error.isObject()) {
      throw InvalidRuleException.invalid("TopicRulePayload.errorAction must be an object");
    }
    JsonNode disabled = payload.get("ruleDisabled");
    if (disabled != null && !disabled.isNull() && !disabled.isBoolean()) {
      throw InvalidRuleException.invalid("TopicRulePayload.ruleDisabled must be a boolean");
    }
    return new TopicRule(name, sql.asText(), text(payload, "description"), createdAt,
        disabled != null && disabled.asBoolean(), text(payload, "awsIotSqlVersion"), (ArrayNode) actions,
        error == null || error.isNull() ? null : (ObjectNode) error);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw InvalidRuleException.invalid("TopicRulePayload." + field + " must be a string");
    }
    return v.asText();
  }

  /** Reads the stored form. @throws IllegalArgumentException when it is not one */
  public static TopicRule fromStored(byte[] bytes) {
    try {
      JsonNode rule = JSON.readTree(bytes).path("rule");
      JsonNode error = rule.get("errorAction");
      return new TopicRule(rule.path("ruleName").asText(), rule.path("sql").asText(),
          rule.hasNonNull("description") ? rule.get("description").asText() : null, rule.path("createdAt").asLong(),
          rule.path("ruleDisabled").asBoolean(false),
          rule.hasNonNull("awsIotSqlVersion") ? rule.get("awsIotSqlVersion").asText() : null,
          rule.get("actions") instanceof ArrayNode a ? a : JSON.createArrayNode(),
          error instanceof ObjectNode o ? o : null);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a stored topic rule: " + e.getMessage(), e);
    }
  }

  /** The GetTopicRule response document. */
  public ObjectNode toDocument() {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("ruleArn", arn());
    ObjectNode rule = doc.putObject("rule");
    rule.put("ruleName", name);
    rule.put("sql", sql);
    if (description != null) {
      rule.put("description", description);
    }
    rule.put("createdAt", createdAt);
    rule.set("actions", actions);
    rule.put("ruleDisabled", disabled);
    rule.put("awsIotSqlVersion", sqlVersion == null ? "2015-10-08" : sqlVersion);
    if (errorAction != null) {
      rule.set("errorAction", errorAction);
    }
    return doc;
  }

  /** The stored form: {@link #toDocument()} as UTF-8 JSON. */
  public byte[] toStored() {
    return toDocument().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The FROM filter ({@code topicPattern} in ListTopicRules), or null when the SQL has none or does not compile. */
  public String topicPattern() {
    try {
      return RuleSql.compile(sql, sqlVersion == null ? SqlVersion.DEFAULT
          : SqlVersion.fromId(sqlVersion).orElse(SqlVersion.DEFAULT)).topicFilter().orElse(null);
    } catch (SqlParseException e) {
      return null;
    }
  }

  public String arn() {
    return ARN_PREFIX + name;
  }

  public TopicRule withDisabled(boolean newDisabled) {
    return new TopicRule(name, sql, description, createdAt, newDisabled, sqlVersion, actions, errorAction);
  }

  /** The same rule created at {@code newCreatedAt} (ReplaceTopicRule keeps the original creation time). */
  public TopicRule withCreatedAt(long newCreatedAt) {
    return new TopicRule(name, sql, description, newCreatedAt, disabled, sqlVersion, actions, errorAction);
  }
}
