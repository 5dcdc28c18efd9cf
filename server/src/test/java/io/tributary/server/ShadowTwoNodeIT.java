package io.tributary.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.config.TributaryConfig;
import io.tributary.server.ShadowClients.Rest;
import io.tributary.streams.shadow.ShadowLocation;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes on one Kafka cluster share the shadow job; reads reach the owning node through either. */
class ShadowTwoNodeIT {
  @TempDir
  Path dir;

  @Test
  void eitherNodeAnswersForEveryThingAndOneTakesOverWhenTheOtherStops() throws Exception {
    TributaryConfig first = TestNodes.devConfig(dir.resolve("a"));
    first.shadow.enabled = true;
    try (TributaryNode a = TributaryNode.start(first)) {
      TributaryConfig second = TestNodes.devConfig(dir.resolve("b"));
      second.shadow.enabled = true;
      second.kafka.bootstrap = a.bootstrapServers();
      List<String> things = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        things.add("sensor-" + i);
      }
      try (TributaryNode b = TributaryNode.start(second)) {
        Rest restA = new Rest(a);
        Rest restB = new Rest(b);
        assertTrue(b.shadowJob().awaitRunning(Duration.ofSeconds(60)));
        await().atMost(Duration.ofSeconds(60)).until(() -> things.stream().allMatch(t ->
            a.shadowJob().locate(t).isLocal() != b.shadowJob().locate(t).isLocal()
                && a.shadowJob().locate(t).kind() != ShadowLocation.Kind.UNAVAILABLE
                && b.shadowJob().locate(t).kind() != ShadowLocation.Kind.UNAVAILABLE));
        assertTrue(things.stream().anyMatch(t -> a.shadowJob().locate(t).kind() == ShadowLocation.Kind.REMOTE),
            "some things are owned by the other node, so reads on a are forwarded");
        for (String thing : things) {
          Rest writer = things.indexOf(thing) % 2 == 0 ? restA : restB;
          assertEquals(200, writer.post("/things/" + thing + "/shadow", "{\"state\":{\"reported\":{\"ok\":1}}}").statusCode());
        }
        for (String thing : things) {
          for (Rest reader : List.of(restA, restB)) {
            var got = reader.get("/things/" + thing + "/shadow");
            assertEquals(200, got.statusCode(), thing + ": " + got.body());
            assertEquals(1, new JsonObject(got.body()).getInteger("version"));
          }
        }
      }
      Rest restA = new Rest(a);
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> things.stream().allMatch(t -> {
        try {
          return restA.get("/things/" + t + "/shadow").statusCode() == 200;
        } catch (Exception e) {
          return false;
        }
      }));
    }
  }
}
