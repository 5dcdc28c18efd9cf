package io.tributary.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
  @TempDir Path dir;

  @Test
  void producesAndConsumesThroughAConsumerGroup() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
      Clients.createTopic(kafka.bootstrapServers(), "greetings", 3);
      Clients.produce(kafka.bootstrapServers(), "greetings", List.of("a", "b", "c"));

      assertThat(Clients.consume(kafka.bootstrapServers(), "greetings", "g1", 3)).containsExactlyInAnyOrder("a", "b", "c");
    }
  }

  @Test
  void restartOnTheSameDirectoryKeepsTopicsRecordsAndOffsets() throws Exception {
    Path logDir = dir.resolve("kafka");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, 0)) {
      Clients.createTopic(kafka.bootstrapServers(), "kept", 1);
      Clients.produce(kafka.bootstrapServers(), "kept", List.of("one", "two"));
      assertThat(Clients.consume(kafka.bootstrapServers(), "kept", "reader", 2)).containsExactly("one", "two");
    }
    String clusterFile = Files.readString(logDir.resolve(LogDirFormatter.META_PROPERTIES));

    try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, 0)) {
      assertThat(Clients.topics(kafka.bootstrapServers())).contains("kept");
      assertThat(Clients.consume(kafka.bootstrapServers(), "kept", "fresh-group", 2)).containsExactly("one", "two");
      Clients.produce(kafka.bootstrapServers(), "kept", List.of("three"));
      // the committed offset of "reader" survived: it only sees the new record
      assertThat(Clients.consume(kafka.bootstrapServers(), "kept", "reader", 1)).containsExactly("three");
    }
    assertThat(Files.readString(logDir.resolve(LogDirFormatter.META_PROPERTIES))).isEqualTo(clusterFile);
  }

  @Test
  void twoBrokersOnDifferentDirectoriesRunAtOnceAndStayApart() throws Exception {
    try (EmbeddedKafka first = EmbeddedKafka.start(dir.resolve("first"), 0);
         EmbeddedKafka second = EmbeddedKafka.start(dir.resolve("second"), 0)) {
      assertThat(first.port()).isNotEqualTo(second.port());
      Clients.createTopic(first.bootstrapServers(), "only-first", 1);
      Clients.createTopic(second.bootstrapServers(), "only-second", 1);
      Clients.produce(first.bootstrapServers(), "only-first", List.of("x"));
      Clients.produce(second.bootstrapServers(), "only-second", List.of("y"));

      assertThat(Clients.topics(first.bootstrapServers())).contains("only-first").doesNotContain("only-second");
      assertThat(Clients.topics(second.bootstrapServers())).contains("only-second").doesNotContain("only-first");
      assertThat(Clients.consume(second.bootstrapServers(), "only-second", "g", 1)).containsExactly("y");
    }
  }

  @Test
  void startsOnAGivenPortAndDoesNotCreateTopicsImplicitly() throws Exception {
    int port = FreePort.find();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), port)) {
      assertThat(kafka.port()).isEqualTo(port);
      assertThatThrownBy(() -> Clients.produceWithin(kafka.bootstrapServers(), "never-created", 2_000))
          .hasMessageContaining("not present in metadata");
      assertThat(Clients.topics(kafka.bootstrapServers())).doesNotContain("never-created");
    }
  }

  @Test
  void overridesReachTheBroker() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, Map.of("auto.create.topics.enable", "true"))) {
      Clients.produce(kafka.bootstrapServers(), "auto", List.of("v"));
      assertThat(Clients.topics(kafka.bootstrapServers())).contains("auto");
    }
  }

  @Test
  void closeIsQuickAndIdempotent() {
    EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    long started = System.nanoTime();
    kafka.close();
    kafka.close();
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    assertThat(kafka.isRunning()).isFalse();
  }
}
