package io.tributary.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;

/**
 * The payload an error action receives (AWS {@code rule-error-handling}): one document per rule and
 * triggering message, aggregating every failed action.
 *
 * <pre>{@code
 * {"ruleName":"r","topic":"t/1","cloudwatchTraceId":"…","clientId":"d1",
 *  "base64OriginalPayload":"e30=","failures":[{"failedAction":"HttpAction","failedResource":"http://…","errorMessage":"…"}]}
 * }</pre>
 */
public final class ErrorDocument {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorDocument() {}

  /** The document for {@code invocation} with {@code failures}, as compact JSON bytes. */
  public static byte[] of(ActionInvocation invocation, List<Failure> failures) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("ruleName", invocation.ruleName());
    doc.put("topic", invocation.topic());
    if (invocation.traceId() != null) {
      doc.put("cloudwatchTraceId", invocation.traceId());
    }
    doc.put("clientId", invocation.clientId() == null ? "" : invocation.clientId());
    doc.put("base64OriginalPayload", Base64.getEncoder().encodeToString(invocation.originalPayload()));
    ArrayNode list = doc.putArray("failures");
    for (Failure f : failures) {
      list.addObject()
          .put("failedAction", f.failedAction())
          .put("failedResource", f.failedResource())
          .put("errorMessage", f.errorMessage());
    }
    return doc.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
