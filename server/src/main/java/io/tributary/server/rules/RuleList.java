package io.tributary.server.rules;

import io.tributary.core.topic.MatchMode;
import io.tributary.core.topic.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * ListTopicRules: {@code GET /rules?topic=&maxResults=&nextToken=&ruleDisabled=}, ordered by rule
 * name. {@code topic} keeps rules whose FROM filter is that text or matches it as a topic name;
 * {@code maxResults} is 1..10000 (default 1000); {@code nextToken} is the opaque base64 of the last
 * name returned.
 */
final class RuleList {
  private static final int DEFAULT_MAX = 1000;

  private RuleList() {}

  static void handle(RoutingContext rc, TopicRuleStore store) {
    String topic = rc.queryParams().get("topic");
    String disabledParam = rc.queryParams().get("ruleDisabled");
    if (disabledParam != null && !disabledParam.equals("true") && !disabledParam.equals("false")) {
      RuleErrors.send(rc, RuleErrors.INVALID_REQUEST, "ruleDisabled must be true or false");
      return;
    }
    int max;
    try {
      String m = rc.queryParams().get("maxResults");
      max = m == null ? DEFAULT_MAX : Integer.parseInt(m);
    } catch (NumberFormatException e) {
      max = -1;
    }
    if (max < 1 || max > 10_000) {
      RuleErrors.send(rc, RuleErrors.INVALID_REQUEST, "maxResults must be between 1 and 10000");
      return;
    }
    String after;
    try {
      String token = rc.queryParams().get("nextToken");
      after = token == null || token.isEmpty() ? null : new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      RuleErrors.send(rc, RuleErrors.INVALID_REQUEST, "nextToken is invalid");
      return;
    }
    List<TopicRuleStore.Stored> rules = store.list().stream()
        .filter(s -> after == null || s.rule().name().compareTo(after) > 0)
        .filter(s -> disabledParam == null || s.rule().disabled() == Boolean.parseBoolean(disabledParam))
        .filter(s -> topic == null || topic.equals(s.topicPattern())
            || s.topicPattern() != null && Topics.matches(s.topicPattern(), topic, MatchMode.MQTT))
        .toList();
    JsonArray items = new JsonArray();
    for (TopicRuleStore.Stored s : rules.subList(0, Math.min(max, rules.size()))) {
      JsonObject item = new JsonObject()
          .put("ruleArn", s.rule().arn())
          .put("ruleName", s.rule().name())
          .put("createdAt", s.rule().createdAt())
          .put("ruleDisabled", s.rule().disabled());
      if (s.topicPattern() != null) {
        item.put("topicPattern", s.topicPattern());
      }
      items.add(item);
    }
    JsonObject body = new JsonObject().put("rules", items);
    if (rules.size() > max) {
      String last = rules.get(max - 1).rule().name();
      body.put("nextToken", Base64.getEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
    }
    rc.response().putHeader("content-type", "application/json").end(body.encode());
  }
}
