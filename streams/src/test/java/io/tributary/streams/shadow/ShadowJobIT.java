package io.tributary.streams.shadow;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.envelope.Envelope;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.tributary.shadow.ShadowId;
import io.tributary.shadow.StoredShadow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job on a real (embedded) broker: round trips, interactive queries, restore, failover. */
class ShadowJobIT {
  static final Duration START = Duration.ofSeconds(30);

  @TempDir
  static Path kafkaDir;
  static EmbeddedKafka kafka;

  @TempDir
  Path dir;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start(kafkaDir, 0);
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  private static ShadowJob start(KafkaFixture fx, Path stateDir, int port) {
    ShadowJob job = ShadowJob.start(ShadowJobConfig.local(fx.bootstrap(), fx.topics, "node-" + port, stateDir,
        "127.0.0.1:" + port));
    assertTrue(job.awaitRunning(START), "the job reaches RUNNING");
    return job;
  }

  private static String update(String thing) {
    return "$aws/things/" + thing + "/shadow/update";
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  @Test
  void answersOverKafkaAndServesInteractiveQueries() throws Exception {
    try (KafkaFixture fx = new KafkaFixture(kafka, "round.");
         ShadowJob job = start(fx, dir.resolve("a"), 7001)) {
      fx.send(Requests.mqtt(update("lamp"), "{\"state\":{\"desired\":{\"on\":true}},\"clientToken\":\"t1\"}", 1, now()));
      fx.flush();
      Envelope accepted = fx.awaitTopic(update("lamp") + "/accepted");
      assertTrue(Requests.text(accepted).contains("\"version\":1"), Requests.text(accepted));
      fx.awaitTopic(update("lamp") + "/delta");
      fx.awaitTopic(update("lamp") + "/documents");

      for (String name : List.of("b", "a", "c")) {
        fx.send(Requests.restUpdate(ShadowId.named("lamp", name), "{\"state\":{\"reported\":{\"n\":1}}}", "r-" + name, now()));
      }
      fx.flush();
      RestEnvelopes.Reply reply = RestEnvelopes.readReply(fx.awaitTopic(RestEnvelopes.replyTopic(Requests.NODE, "r-c")));
      assertEquals(200, reply.status());

      assertTrue(job.locate("lamp").isLocal());
      assertEquals(1, job.read("lamp", null).orElseThrow().version());
      assertEquals(Optional.empty(), job.read("lamp", "zzz"));
      NamedShadowPage first = job.listNamedShadows("lamp", 2, null);
      assertEquals(List.of("a", "b"), first.results());
      NamedShadowPage second = job.listNamedShadows("lamp", 2, first.nextToken().orElseThrow());
      assertEquals(List.of("c"), second.results());
      assertFalse(second.nextToken().isPresent());
      assertEquals(List.of(), job.listNamedShadows("nobody", 10, null).results());
      assertThrows(IllegalArgumentException.class, () -> job.listNamedShadows("lamp", 0, null));
      assertThrows(IllegalArgumentException.class, () -> job.listNamedShadows("lamp", 10, "%%%"));
    }
  }

  @Test
  void interactiveQueriesLookInThePartitionTheGatewayWroteEachThingsRequestsTo() throws Exception {
    try (KafkaFixture fx = new KafkaFixture(kafka, "partitions.");
         ShadowJob job = start(fx, dir.resolve("p"), 7005)) {
      List<String> things = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        things.add("sensor-" + i);
      }
      for (String thing : things) {
        fx.send(Requests.mqtt(update(thing), "{\"state\":{\"reported\":{\"i\":1}}}", 1, now()));
        fx.send(Requests.mqtt("$aws/things/" + thing + "/shadow/name/cfg/update", "{\"state\":{\"desired\":{\"i\":2}}}",
            1, now()));
      }
      fx.flush();
      fx.awaitResponses(all -> all.stream().filter(e -> e.topic().endsWith("/update/accepted")).count() == 80);
      for (String thing : things) {
        int written = fx.partitionOfShadowRequests(thing);
        assertEquals(written, job.locate(thing).partition(), thing);
        assertEquals(1, job.read(thing, null).orElseThrow().version(), thing);
        assertEquals(1, job.read(thing, "cfg").orElseThrow().version(), thing);
        assertEquals(List.of("cfg"), job.listNamedShadows(thing, 10, null).results());
      }
      assertEquals(KafkaFixture.PARTITIONS, things.stream().map(fx::partitionOfShadowRequests).distinct().count(),
          "the things are spread over every partition");
    }
  }

  @Test
  void aWipedStateDirectoryIsRebuiltFromTheChangelogByteForByte() throws Exception {
    try (KafkaFixture fx = new KafkaFixture(kafka, "restore.")) {
      List<ShadowId> shadows = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        shadows.add(ShadowId.classic("thing-" + i));
        shadows.add(ShadowId.named("thing-" + i, "config"));
      }
      Map<ShadowId, byte[]> before = new LinkedHashMap<>();
      Path stateDir = dir.resolve("state");
      try (ShadowJob job = start(fx, stateDir, 7002)) {
        for (ShadowId s : shadows) {
          fx.send(Requests.mqtt(s.topicPrefix() + "/update",
              "{\"state\":{\"desired\":{\"v\":\"" + s + "\"},\"reported\":{\"n\":[1,2]}}}", 1, now()));
        }
        fx.send(Requests.mqtt("$aws/things/thing-0/shadow/name/config/delete", "", 1, now()));
        fx.flush();
        fx.awaitTopic("$aws/things/thing-0/shadow/name/config/delete/accepted");
        fx.awaitResponses(all -> all.stream().filter(e -> e.topic().endsWith("/update/accepted")).count() == 24);
        for (ShadowId s : shadows) {
          before.put(s, job.read(s.thingName(), s.shadowName()).orElseThrow().toBytes());
        }
      }
      assertTrue(StoredShadow.fromBytes(before.get(ShadowId.named("thing-0", "config"))).isDeleted());
      deleteRecursively(stateDir);
      assertFalse(stateDir.toFile().exists());

      try (ShadowJob job = start(fx, stateDir, 7002)) {
        for (ShadowId s : shadows) {
          assertArrayEquals(before.get(s), job.read(s.thingName(), s.shadowName()).orElseThrow().toBytes(), s.toString());
        }
      }
    }
  }

  @Test
  void whenOneInstanceStopsTheOtherServesEveryShadow() throws Exception {
    try (KafkaFixture fx = new KafkaFixture(kafka, "failover.")) {
      List<String> things = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        things.add("device-" + i);
      }
      ShadowJob first = start(fx, dir.resolve("first"), 7003);
      try (ShadowJob second = start(fx, dir.resolve("second"), 7004)) {
        for (String thing : things) {
          fx.send(Requests.mqtt(update(thing), "{\"state\":{\"reported\":{\"up\":1}}}", 1, now()));
        }
        fx.flush();
        fx.awaitResponses(all -> all.stream().filter(e -> e.topic().endsWith("/update/accepted")).count() == 16);
        await().atMost(START).until(() -> things.stream().allMatch(t ->
            first.locate(t).isLocal() != second.locate(t).isLocal()
                && first.locate(t).kind() != ShadowLocation.Kind.UNAVAILABLE
                && second.locate(t).kind() != ShadowLocation.Kind.UNAVAILABLE));
        assertTrue(things.stream().anyMatch(t -> first.locate(t).isLocal())
            && things.stream().anyMatch(t -> second.locate(t).isLocal()), "both instances own some things");
        for (String thing : things) {
          ShadowJob owner = first.locate(thing).isLocal() ? first : second;
          assertEquals(1, owner.read(thing, null).orElseThrow().version());
          ShadowJob other = owner == first ? second : first;
          assertThrows(ShadowUnavailableException.class, () -> other.read(thing, null));
        }

        first.close();
        await().atMost(START).ignoreExceptions().until(() -> things.stream()
            .allMatch(t -> second.read(t, null).orElseThrow().version() == 1));

        for (String thing : things) {
          fx.send(Requests.mqtt(update(thing), "{\"state\":{\"reported\":{\"up\":2}}}", 1, now()));
        }
        fx.flush();
        fx.awaitResponses(all -> all.stream().filter(e -> e.topic().endsWith("/update/accepted")).count() == 32);
        for (String thing : things) {
          assertEquals(2, second.read(thing, null).orElseThrow().version(), thing);
        }
      }
    }
  }

  private static void deleteRecursively(Path path) throws java.io.IOException {
    try (var walk = java.nio.file.Files.walk(path)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(p);
      }
    }
  }
}
