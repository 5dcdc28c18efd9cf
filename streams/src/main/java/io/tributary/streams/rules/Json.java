package io.tributary.streams.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.connectors.Target;
import io.tributary.rules.CompiledRule;
import io.tributary.rules.MessageContext;
import io.tributary.rules.RuleOutput;
import io.tributary.rules.SqlParseException;
import io.tributary.rules.Template;
import java.util.ArrayList;
import java.util.List;

/** Reading the fields of an action's JSON, with InvalidRequestException messages naming the field. */
final class Json {
  private Json() {}

  static String text(JsonNode node, String field, String where, boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw InvalidRuleException.invalid(where + "." + field + " is required");
      }
      return null;
    }
    if (!v.isTextual() && !v.isNumber()) {
      throw InvalidRuleException.invalid(where + "." + field + " must be a string");
    }
    return v.asText();
  }

  static Template template(CompiledRule rule, String text, String where) {
    if (text == null) {
      return null;
    }
    try {
      return rule.template(text);
    } catch (SqlParseException e) {
      throw new InvalidRuleException(SqlParseException.ERROR_CODE, where + ": " + e.getMessage());
    }
  }

  /** A {@code {key, value}} pair: the key is a template, or literal text when {@code key} is null. */
  record Pair(Template key, String literalKey, Template value) {
    Target.Header render(MessageContext message, RuleOutput output) {
      return new Target.Header(key == null ? literalKey : key.render(message, output), value.render(message, output));
    }
  }

  /** A list of {@code {key, value}} objects; keys are literal when {@code keyTemplates} is false. */
  static List<Pair> pairs(CompiledRule rule, JsonNode node, String field, String where, boolean keyTemplates) {
    JsonNode list = node.get(field);
    List<Pair> out = new ArrayList<>();
    if (list == null || list.isNull()) {
      return out;
    }
    if (!list.isArray() || list.size() > 100) {
      throw InvalidRuleException.invalid(where + "." + field + " must be a list of at most 100 {key, value} objects");
    }
    for (JsonNode item : list) {
      String key = text(item, "key", where + "." + field + "[]", true);
      String value = text(item, "value", where + "." + field + "[]", true);
      out.add(new Pair(keyTemplates ? template(rule, key, where + "." + field + "[].key") : null, key,
          template(rule, value, where + "." + field + "[].value")));
    }
    return out;
  }

  static List<Target.Header> render(List<Pair> pairs, MessageContext message, RuleOutput output) {
    List<Target.Header> out = new ArrayList<>(pairs.size());
    for (Pair p : pairs) {
      out.add(p.render(message, output));
    }
    return out;
  }
}
