package io.tributary.streams.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.connectors.Target;
import io.tributary.core.topic.TopicError;
import io.tributary.core.topic.TopicLimits;
import io.tributary.core.topic.Topics;
import io.tributary.rules.CompiledRule;
import io.tributary.rules.MessageContext;
import io.tributary.rules.RuleOutput;
import io.tributary.rules.Template;
import java.util.Base64;
import java.util.List;

/**
 * The {@code republish} action: {@code topic} (a template; a leading {@code $$} publishes to a
 * {@code $} topic), {@code qos} 0 or 1, and MQTT 5 {@code headers} whose every field is a template.
 */
final class RepublishAction implements CompiledAction {
  private static final String WHERE = "republish";

  private final String topicText;
  private final Template topic;
  private final int qos;
  private final Template contentType;
  private final Template payloadFormat;
  private final Template responseTopic;
  private final Template correlationData;
  private final Template messageExpiry;
  private final List<Json.Pair> userProperties;

  RepublishAction(CompiledRule rule, JsonNode node) {
    topicText = Json.text(node, "topic", WHERE, true);
    topic = Json.template(rule, topicText, WHERE + ".topic");
    JsonNode q = node.get("qos");
    if (q != null && !q.isNull() && !(q.canConvertToInt() && (q.asInt() == 0 || q.asInt() == 1))) {
      throw InvalidRuleException.invalid("republish.qos must be 0 or 1");
    }
    qos = q == null ? 0 : q.asInt();
    JsonNode h = node.path("headers");
    String where = WHERE + ".headers";
    contentType = Json.template(rule, Json.text(h, "contentType", where, false), where + ".contentType");
    payloadFormat = Json.template(rule, Json.text(h, "payloadFormatIndicator", where, false),
        where + ".payloadFormatIndicator");
    responseTopic = Json.template(rule, Json.text(h, "responseTopic", where, false), where + ".responseTopic");
    correlationData = Json.template(rule, Json.text(h, "correlationData", where, false), where + ".correlationData");
    messageExpiry = Json.template(rule, Json.text(h, "messageExpiry", where, false), where + ".messageExpiry");
    userProperties = h.isMissingNode() ? List.of() : Json.pairs(rule, h, "userProperties", where, true);
  }

  @Override
  public Target render(MessageContext m, RuleOutput out) {
    String t = topic.render(m, out);
    if (t.startsWith("$$")) {
      t = t.substring(1);
    }
    TopicError error = Topics.validateName(t, TopicLimits.unlimited());
    if (error != null) {
      throw fail(t, "Republish topic '" + t + "' is invalid: " + error.message());
    }
    return new Target.Republish(t, qos, render(contentType, m, out), payloadFormat(t, m, out),
        render(responseTopic, m, out), correlation(t, m, out), expiry(t, m, out), Json.render(userProperties, m, out));
  }

  private Integer payloadFormat(String t, MessageContext m, RuleOutput out) {
    String v = render(payloadFormat, m, out);
    if (v == null) {
      return null;
    }
    return switch (v) {
      case "UNSPECIFIED_BYTES" -> 0;
      case "UTF8_DATA" -> 1;
      default -> throw fail(t, "payloadFormatIndicator must be UNSPECIFIED_BYTES or UTF8_DATA, not '" + v + "'");
    };
  }

  private byte[] correlation(String t, MessageContext m, RuleOutput out) {
    String v = render(correlationData, m, out);
    try {
      return v == null ? null : Base64.getDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      throw fail(t, "correlationData must be base64: '" + v + "'");
    }
  }

  private Long expiry(String t, MessageContext m, RuleOutput out) {
    String v = render(messageExpiry, m, out);
    try {
      Long seconds = v == null ? null : Long.valueOf(v.trim());
      if (seconds != null && seconds < 0) {
        throw new NumberFormatException();
      }
      return seconds;
    } catch (NumberFormatException e) {
      throw fail(t, "messageExpiry must be a whole number of seconds: '" + v + "'");
    }
  }

  private static String render(Template template, MessageContext m, RuleOutput out) {
    return template == null ? null : template.render(m, out);
  }

  private ActionException fail(String resource, String message) {
    return new ActionException("RepublishAction", resource, message);
  }
}
