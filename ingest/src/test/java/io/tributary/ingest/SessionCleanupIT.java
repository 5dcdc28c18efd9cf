package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.tributary.core.config.Profile;
import io.tributary.ingest.session.SessionRecord;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ended sessions are removed from the sessions topic; a crashed node's sessions are released on restart. */
class SessionCleanupIT {
  static GatewayHarness harness;

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @Test
  void endedSessionsAreSweptAfterTheirExpiryAndAGracePeriod() throws Exception {
    MutableClock clock = new MutableClock();
    GatewayHarness.Node node = harness.start(Profile.MQTT, c -> { }, "sweeper", clock);
    String clean = Mqtt.id("clean");
    String persistent = Mqtt.id("persistent");
    Mqtt5BlockingClient a = Mqtt.v5(node, clean);
    a.connect();
    a.disconnect();
    Mqtt5BlockingClient b = Mqtt.v5(node, persistent);
    b.connectWith().cleanStart(false).sessionExpiryInterval(120).send();
    b.disconnect();
    var sessions = node.gateway().broker().sessions();
    await().atMost(Duration.ofSeconds(10)).until(() -> isDisconnected(sessions.get(clean)) && isDisconnected(sessions.get(persistent)));

    clock.advance(Duration.ofSeconds(61));
    node.gateway().sweepEndedSessions();
    await().atMost(Duration.ofSeconds(10)).until(() -> sessions.get(clean) == null);
    assertThat(sessions.get(persistent)).as("still within its 120 s expiry").isNotNull();

    clock.advance(Duration.ofSeconds(120));
    node.gateway().sweepEndedSessions();
    await().atMost(Duration.ofSeconds(10)).until(() -> sessions.get(persistent) == null);
    harness.stop(node);
  }

  @Test
  void aRestartedNodeReleasesTheSessionsItHeldWhenItStopped() throws Exception {
    GatewayHarness.Node first = harness.start(Profile.MQTT, c -> { }, "crashy", java.time.Clock.systemUTC());
    String id = Mqtt.id("held");
    var sessions = first.gateway().broker().sessions();
    // Simulate a crash: a session record claimed by this node, connected, with no live connection.
    SessionRecord held = new SessionRecord(id, 7, "crashy", "conn-1", true, 5, 3600, 0, Map.of(), Map.of(0, 0L));
    java.util.concurrent.CompletableFuture<Exception> written = new java.util.concurrent.CompletableFuture<>();
    sessions.write(held, written::complete);
    assertThat(written.get()).isNull();
    harness.stop(first);

    GatewayHarness.Node again = harness.start(Profile.MQTT, c -> { }, "crashy", java.time.Clock.systemUTC());
    var view = again.gateway().broker().sessions();
    await().atMost(Duration.ofSeconds(10)).until(() -> isDisconnected(view.get(id)));
    assertThat(view.get(id).epoch()).isEqualTo(7);
    assertThat(view.get(id).positions()).containsEntry(0, 0L);
    harness.stop(again);
  }

  private static boolean isDisconnected(SessionRecord r) {
    return r != null && !r.connected();
  }
}
