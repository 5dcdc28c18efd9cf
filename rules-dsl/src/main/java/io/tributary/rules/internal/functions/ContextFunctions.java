package io.tributary.rules.internal.functions;

import static io.tributary.rules.internal.functions.Args.UNDEFINED;
import static io.tributary.rules.internal.functions.FunctionTable.add;

import io.tributary.rules.MqttProperties;
import io.tributary.rules.internal.eval.Frame;
import io.tributary.rules.internal.value.ArrayValue;
import io.tributary.rules.internal.value.Conversions;
import io.tributary.rules.internal.value.ObjectValue;
import io.tributary.rules.internal.value.StringValue;
import io.tributary.rules.internal.value.Value;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Functions that read the message's metadata: topic, client, principal, trace, MQTT 5 properties. */
final class ContextFunctions {

  private ContextFunctions() {}

  static void register() {
    add("topic", 0, 1, false, ContextFunctions::topic);
    add("clientid", 0, (f, a) -> new StringValue(f.ctx().clientId().orElse("n/a")));
    add("principal", 0, (f, a) -> Args.str(f.ctx().principal().orElse(null)));
    add("traceid", 0, (f, a) -> Args.str(f.ctx().traceId().orElse(null)));
    add("sourceip", 0, 0, true, (f, a) -> Args.str(f.ctx().sourceIp().orElse(null)));
    add("accountid", 0, (f, a) -> Args.str(f.ctx().accountId().orElse(null)));
    add("sql_version", 0, (f, a) -> new StringValue(f.env().version().id()));
    add("get_mqtt_property", 1, (f, a) -> mqttProperty(f.ctx().mqttProperties(), a[0]));
    add("get_user_properties", 0, 1, false, (f, a) -> userProperties(f.ctx().mqttProperties(), a));
  }

  private static Value topic(Frame f, Value[] a) {
    String topic = f.ctx().topic();
    if (a.length == 0) {
      return new StringValue(topic);
    }
    Integer n = Conversions.toJavaInt(a[0], RoundingMode.FLOOR);
    if (n == null || n < 1) {
      return UNDEFINED;
    }
    String level = level(topic, n);
    return level == null ? UNDEFINED : new StringValue(level);
  }

  /** Level {@code n} (1-based) of a topic split on '/', or null past the last level. */
  static String level(String topic, int n) {
    int start = 0;
    for (int i = 1; i < n; i++) {
      int slash = topic.indexOf('/', start);
      if (slash < 0) {
        return null;
      }
      start = slash + 1;
    }
    int end = topic.indexOf('/', start);
    return topic.substring(start, end < 0 ? topic.length() : end);
  }

  private static Value mqttProperty(MqttProperties p, Value name) {
    String key = Conversions.toStr(name);
    if (key == null) {
      return UNDEFINED;
    }
    switch (key.toLowerCase(java.util.Locale.ROOT)) {
      case "format_indicator":
        return p.payloadFormatIndicator() == null ? UNDEFINED
            : new StringValue(p.payloadFormatIndicator() == 1 ? "UTF8_DATA" : "UNSPECIFIED_BYTES");
      case "content_type":
        return Args.str(p.contentType());
      case "response_topic":
        return Args.str(p.responseTopic());
      case "correlation_data":
        return p.correlationData() == null ? UNDEFINED
            : new StringValue(Base64.getEncoder().encodeToString(p.correlationData()));
      default:
        return UNDEFINED;
    }
  }

  /** Without a key: [{key: value}, ...] in order; with a key: the values for that key. */
  private static Value userProperties(MqttProperties p, Value[] a) {
    List<Value> out = new ArrayList<>();
    String wanted = a.length == 0 ? null : Conversions.toStr(a[0]);
    if (a.length == 1 && wanted == null) {
      return UNDEFINED;
    }
    for (MqttProperties.UserProperty up : p.userProperties()) {
      if (wanted == null) {
        Map<String, Value> entry = new LinkedHashMap<>();
        entry.put(up.key(), new StringValue(up.value()));
        out.add(new ObjectValue(entry));
      } else if (up.key().equals(wanted)) {
        out.add(new StringValue(up.value()));
      }
    }
    return out.isEmpty() ? UNDEFINED : new ArrayValue(out);
  }
}
