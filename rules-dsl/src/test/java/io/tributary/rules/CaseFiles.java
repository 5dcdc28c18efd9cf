package io.tributary.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loads every {@code sql-cases/*.json} file from the test classpath. */
final class CaseFiles {

  /** Keeps numbers as written ({@code 5.0} stays {@code 5.0}) when re-serialising payloads. */
  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private CaseFiles() {}

  static Stream<SqlCase> all() throws IOException, URISyntaxException {
    Path dir = Path.of(CaseFiles.class.getResource("/sql-cases").toURI());
    List<SqlCase> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode root = MAPPER.readTree(file.toFile());
        String name = file.getFileName().toString();
        for (JsonNode c : root.get("cases")) {
          cases.add(new SqlCase(name, c.get("name").asText(), c));
        }
      }
    }
    return cases.stream();
  }

  static byte[] bytes(JsonNode n) {
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
