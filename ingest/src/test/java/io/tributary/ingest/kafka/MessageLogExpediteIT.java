package io.tributary.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.config.KafkaConfig;
import io.tributary.ingest.GatewayHarness;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A quiet gateway does not make a record wait for the producer's linger: with a 60 s linger, an
 * expedited record is acknowledged at once, one at a time or in a burst, while the same record
 * without expediting is still waiting seconds later.
 */
class MessageLogExpediteIT {
  private static final String LINGER_MS = "60000";
  static GatewayHarness harness;
  static KafkaConfig kafka;

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
    kafka = FreshTopics.create(harness, "expedite", Map.of("linger.ms", LINGER_MS));
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  private MessageLog log(int expediteBelowPerSecond) {
    return new MessageLog(KafkaSettings.producer(harness.kafka().bootstrapServers(), kafka, "expedite-test", 1 << 20),
        kafka.topics(), 1 << 20, expediteBelowPerSecond);
  }

  private static CompletableFuture<RecordMetadata> send(MessageLog log, String key) {
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    log.send(log.topics().messages(), key, key.getBytes(StandardCharsets.UTF_8), (meta, error) -> {
      if (error != null) {
        acked.completeExceptionally(error);
      } else {
        acked.complete(meta);
      }
    });
    return acked;
  }

  @Test
  void aQuietLogSendsEachRecordWithoutWaitingForTheLinger() throws Exception {
    try (MessageLog log = log(100_000)) {
      for (int i = 0; i < 5; i++) {
        RecordMetadata meta = send(log, "one-" + i).get(20, TimeUnit.SECONDS); // the linger is 60 s
        assertThat(meta.offset()).isGreaterThanOrEqualTo(0);
      }
      // A burst too: what is handed in while a flush is on its way goes with the next one.
      CompletableFuture<?>[] burst = new CompletableFuture<?>[20];
      for (int i = 0; i < burst.length; i++) {
        burst[i] = send(log, "burst-" + i);
      }
      CompletableFuture.allOf(burst).get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void aboveTheRateRecordsAreLeftToTheLinger() throws Exception {
    // A frozen clock: every record handed in stays in the rate's window. 1,000/s allows two per 2 ms.
    try (MessageLog log = new MessageLog(
        KafkaSettings.producer(harness.kafka().bootstrapServers(), kafka, "expedite-test", 1 << 20),
        kafka.topics(), 1 << 20, 1_000, () -> 42L)) {
      send(log, "first").get(20, TimeUnit.SECONDS);
      send(log, "second").get(20, TimeUnit.SECONDS);
      // While a flush is still returning, anything handed in leaves with it: wait for it to end.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (log.expediting() && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
      assertThat(log.expediting()).isFalse();
      CompletableFuture<RecordMetadata> third = send(log, "third"); // three in the window: busy
      TimeUnit.SECONDS.sleep(3);
      assertThat(third).isNotDone();
      log.flush();
      assertThat(third.get(20, TimeUnit.SECONDS).offset()).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void withoutExpeditingARecordWaitsForTheLinger() throws Exception {
    try (MessageLog log = log(0)) {
      CompletableFuture<RecordMetadata> acked = send(log, "lingering");
      TimeUnit.SECONDS.sleep(3);
      assertThat(acked).isNotDone();
      log.flush();
      assertThat(acked.get(20, TimeUnit.SECONDS).offset()).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void aProducerThatDoesNotLingerHasNothingToExpedite() throws Exception {
    KafkaConfig defaults = new KafkaConfig(); // linger.ms=0: a record leaves when no request is out
    defaults.topicPrefix = kafka.topicPrefix;
    try (MessageLog log = new MessageLog(
        KafkaSettings.producer(harness.kafka().bootstrapServers(), defaults, "expedite-test", 1 << 20),
        defaults.topics(), 1 << 20, 100_000)) {
      assertThat(log.expedites()).isFalse();
      for (int i = 0; i < 5; i++) {
        assertThat(send(log, "at-once-" + i).get(20, TimeUnit.SECONDS).offset()).isGreaterThanOrEqualTo(0);
      }
    }
    try (MessageLog log = log(100_000)) {
      assertThat(log.expedites()).as("linger.ms=" + LINGER_MS).isTrue();
    }
  }

  @Test
  void aBusyLogLeavesBatchingToTheLinger() {
    MessageLog.RecentRate rate = new MessageLog.RecentRate(10_000); // 20 records per 2 ms
    long t = 1_000_000_000L;
    assertThat(rate.add(1, t)).isTrue();
    assertThat(rate.add(19, t + 500_000)).isTrue(); // 20 within the window: still quiet
    assertThat(rate.add(1, t + 900_000)).isFalse(); // 21
    assertThat(rate.add(1, t + 1_100_000)).isFalse(); // previous window's 21 still count
    assertThat(rate.add(1, t + 2_100_000)).isTrue(); // the busy millisecond has left the window
    assertThat(rate.add(1, t + 60_000_000)).isTrue(); // after a pause, counting starts afresh
  }

  @Test
  void aThresholdBelowFiveHundredStillAllowsOneRecordAtATime() {
    MessageLog.RecentRate rate = new MessageLog.RecentRate(1);
    assertThat(rate.add(1, 0)).isTrue();
    assertThat(rate.add(1, 100_000)).isFalse();
  }
}
