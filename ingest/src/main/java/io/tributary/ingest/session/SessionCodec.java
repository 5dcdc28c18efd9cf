package io.tributary.ingest.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON form of {@link SessionRecord} on the sessions topic. */
final class SessionCodec {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private SessionCodec() {}

  static byte[] encode(SessionRecord r) {
    try {
      return JSON.writeValueAsBytes(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SessionRecord decode(byte[] bytes) throws IOException {
    return JSON.readValue(bytes, SessionRecord.class);
  }
}
