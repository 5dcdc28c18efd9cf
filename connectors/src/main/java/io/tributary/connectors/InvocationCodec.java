package io.tributary.connectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON form of an {@link ActionInvocation} on the actions topic; byte arrays are base64. */
public final class InvocationCodec {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private InvocationCodec() {}

  public static byte[] encode(ActionInvocation invocation) {
    try {
      return JSON.writeValueAsBytes(invocation);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode an action invocation", e);
    }
  }

  /** @throws IllegalArgumentException when {@code bytes} is not an invocation */
  public static ActionInvocation decode(byte[] bytes) {
    try {
      return JSON.readValue(bytes, ActionInvocation.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("not an action invocation: " + e.getMessage(), e);
    }
  }
}
