package io.tributary.streams.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.connectors.Target;
import io.tributary.rules.CompiledRule;
import io.tributary.rules.MessageContext;
import io.tributary.rules.RuleOutput;
import io.tributary.rules.Template;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code kafka} action: {@code topic}, {@code key}, {@code partition} and {@code headers}
 * (templates). Without {@code clientProperties}, or when {@code bootstrap.servers} is absent or
 * {@value #PLATFORM}, the record goes to the platform's own Kafka cluster, written by the rules job
 * in its transaction; otherwise the properties' values are templates too and the connectors
 * produce to that external cluster. {@code destinationArn} is accepted and ignored.
 */
final class KafkaAction implements CompiledAction {
  /** The {@code bootstrap.servers} value that names the platform's own cluster. */
  static final String PLATFORM = "tributary";
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final String WHERE = "kafka";

  private final Template topic;
  private final Template key;
  private final Template partition;
  private final List<Json.Pair> headers;
  private final Map<String, Template> clientProperties;

  KafkaAction(CompiledRule rule, JsonNode node) {
    topic = Json.template(rule, Json.text(node, "topic", WHERE, true), WHERE + ".topic");
    key = Json.template(rule, Json.text(node, "key", WHERE, false), WHERE + ".key");
    partition = Json.template(rule, Json.text(node, "partition", WHERE, false), WHERE + ".partition");
    headers = Json.pairs(rule, node, "headers", WHERE, true);
    JsonNode props = node.get("clientProperties");
    if (props != null && !props.isNull() && !props.isObject()) {
      throw InvalidRuleException.invalid("kafka.clientProperties must be an object of strings");
    }
    String bootstrap = props == null ? null : Json.text(props, "bootstrap.servers", WHERE + ".clientProperties", false);
    if (bootstrap == null || bootstrap.isBlank() || bootstrap.equals(PLATFORM)) {
      clientProperties = null;
    } else {
      clientProperties = new LinkedHashMap<>();
      props.fields().forEachRemaining(e -> clientProperties.put(e.getKey(),
          Json.template(rule, Json.text(props, e.getKey(), WHERE + ".clientProperties", true),
              WHERE + ".clientProperties." + e.getKey())));
    }
  }

  /** True when the rules job writes the record itself, exactly once with its input. */
  boolean platform() {
    return clientProperties == null;
  }

  @Override
  public Target render(MessageContext m, RuleOutput out) {
    String t = topic.render(m, out);
    if (!TOPIC.matcher(t).matches() || t.equals(".") || t.equals("..")) {
      throw new ActionException("KafkaAction", t, "Kafka topic '" + t + "' is not a valid topic name");
    }
    Integer p = null;
    if (partition != null) {
      String v = partition.render(m, out).trim();
      try {
        p = v.isEmpty() ? null : Integer.valueOf(v);
      } catch (NumberFormatException e) {
        throw new ActionException("KafkaAction", t, "Kafka partition '" + v + "' is not a number");
      }
      if (p != null && p < 0) {
        throw new ActionException("KafkaAction", t, "Kafka partition " + p + " is negative");
      }
    }
    Map<String, String> props = null;
    if (clientProperties != null) {
      props = new LinkedHashMap<>();
      for (Map.Entry<String, Template> e : clientProperties.entrySet()) {
        props.put(e.getKey(), e.getValue().render(m, out));
      }
    }
    return new Target.Kafka(props, t, key == null ? null : key.render(m, out), p, Json.render(headers, m, out));
  }
}
