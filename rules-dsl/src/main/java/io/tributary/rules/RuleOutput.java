package io.tributary.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The outgoing payload of a rule for one message: compact JSON with keys in SELECT order, the raw
 * bytes of a binary payload passed through by {@code SELECT *}, or empty bytes for a
 * {@code SELECT VALUE} that is Undefined.
 */
public final class RuleOutput {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final byte[] bytes;
  private final boolean json;
  private final Object variables;

  RuleOutput(byte[] bytes, boolean json, Object variables) {
    this.bytes = bytes;
    this.json = json;
    this.variables = variables;
  }

  /** The payload bytes (not a copy: do not modify). */
  public byte[] bytes() {
    return bytes;
  }

  /** The payload as UTF-8 text. */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** True when the payload is JSON built by SELECT; false for binary pass-through or empty. */
  public boolean isJson() {
    return json;
  }

  /** The payload as a Jackson tree, when it is JSON. */
  public Optional<JsonNode> json() {
    if (!json) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readTree(bytes));
    } catch (IOException e) {
      throw new IllegalStateException("rule output is not JSON: " + text(), e);
    }
  }

  Object variables() {
    return variables;
  }

  @Override
  public String toString() {
    return json ? text() : "<" + bytes.length + " bytes>";
  }
}
