package io.tributary.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One conformance case read from {@code sql-cases/*.json}. A case gives a statement (either
 * {@code sql}, or {@code expr} which stands for {@code SELECT <expr> AS r FROM 't/1'}), a message,
 * and exactly one expectation: {@code expected} (JSON, compared as compact text, so key order
 * counts), {@code result} (with {@code expr}: the value of {@code r}), {@code undefined}
 * (with {@code expr}: r is left out), {@code expectedText} (exact payload text),
 * {@code noOutput}, {@code matches} (regex per output key, for non-deterministic functions),
 * {@code rendered} (with {@code template}), or {@code error} (line, column, token, contains).
 */
record SqlCase(String file, String name, JsonNode node) {

  static final long DEFAULT_TIMESTAMP = 1_700_000_000_000L;

  @Override
  public String toString() {
    return file + ": " + name;
  }

  SqlVersion version() {
    String v = node.path("version").asText("2016-03-23");
    return SqlVersion.fromId(v).orElseThrow(() -> new IllegalArgumentException("bad version " + v));
  }

  String sql() {
    if (node.has("expr")) {
      return "SELECT " + node.get("expr").asText() + " AS r FROM 't/1'";
    }
    return node.get("sql").asText();
  }

  String topic() {
    return node.path("topic").asText(node.has("expr") ? "t/1" : "a/b/c");
  }

  byte[] payload() {
    if (node.has("payloadText")) {
      return node.get("payloadText").asText().getBytes(StandardCharsets.UTF_8);
    }
    if (node.has("payloadBase64")) {
      return Base64.getDecoder().decode(node.get("payloadBase64").asText());
    }
    JsonNode p = node.path("payload");
    return p.isMissingNode() ? "{}".getBytes(StandardCharsets.UTF_8) : CaseFiles.bytes(p);
  }

  MessageContext message() {
    MessageContext.Builder b = MessageContext.builder(topic(), payload())
        .clock(Clock.fixed(Instant.ofEpochMilli(node.path("timestamp").asLong(DEFAULT_TIMESTAMP)),
            ZoneOffset.UTC));
    if (node.has("clientid")) {
      b.clientId(node.get("clientid").asText());
    }
    if (node.has("principal")) {
      b.principal(node.get("principal").asText());
    }
    if (node.has("traceid")) {
      b.traceId(node.get("traceid").asText());
    }
    if (node.has("sourceip")) {
      b.sourceIp(node.get("sourceip").asText());
    }
    if (node.has("accountid")) {
      b.accountId(node.get("accountid").asText());
    }
    if (node.has("mqtt")) {
      b.mqttProperties(mqtt(node.get("mqtt")));
    }
    return b.build();
  }

  private static MqttProperties mqtt(JsonNode m) {
    List<MqttProperties.UserProperty> ups = new ArrayList<>();
    m.path("user_properties").forEach(p -> ups.add(
        new MqttProperties.UserProperty(p.get(0).asText(), p.get(1).asText())));
    return new MqttProperties(
        m.has("format_indicator") ? m.get("format_indicator").asInt() : null,
        m.has("content_type") ? m.get("content_type").asText() : null,
        m.has("response_topic") ? m.get("response_topic").asText() : null,
        m.has("correlation_data") ? Base64.getDecoder().decode(m.get("correlation_data").asText()) : null,
        m.has("message_expiry") ? m.get("message_expiry").asLong() : null,
        ups);
  }
}
