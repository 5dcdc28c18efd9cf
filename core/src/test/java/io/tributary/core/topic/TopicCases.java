package io.tributary.core.topic;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.CollectionType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads the conformance case files under {@code src/test/resources/topic-cases/}. */
final class TopicCases {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private TopicCases() {}

  static <T> List<T> load(String file, Class<T> type) {
    String path = "/topic-cases/" + file;
    try (InputStream in = TopicCases.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      CollectionType listType = MAPPER.getTypeFactory().constructCollectionType(List.class, type);
      return MAPPER.readValue(in, listType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
