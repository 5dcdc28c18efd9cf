package io.tributary.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.config.KafkaConfig;
import io.tributary.ingest.GatewayHarness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records go to the producer on the caller's thread, which must never wait: a record the producer
 * cannot take (no metadata for its topic, here a topic that does not exist yet) is refused, waits on
 * the sender thread, and every record handed in after it waits behind it. The embedded broker does
 * not create topics on demand, so a missing topic is what a broker outage looks like to the producer.
 */
class MessageLogRefusalIT {
  static GatewayHarness harness;
  static KafkaConfig kafka;

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
    kafka = FreshTopics.create(harness, "refusal", Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  private static Properties producer(String bootstrap, String maxBlockMs) {
    KafkaConfig config = new KafkaConfig();
    config.producer.put("max.block.ms", maxBlockMs);
    return KafkaSettings.producer(bootstrap, config, "refusal-test", 1 << 20);
  }

  /** Sends {@code key} to {@code topic}; the future completes in the callback and notes its key in {@code order}. */
  private static CompletableFuture<RecordMetadata> send(MessageLog log, String topic, String key, List<String> order) {
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    log.send(topic, key, key.getBytes(StandardCharsets.UTF_8), (meta, error) -> {
      order.add(key);
      if (error != null) {
        acked.completeExceptionally(error);
      } else {
        acked.complete(meta);
      }
    });
    return acked;
  }

  private static void createTopic(String name) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, harness.kafka().bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRefusedRecordWaitsOffTheCallersThreadAndLaterRecordsQueueBehindIt() throws Exception {
    String missing = kafka.topicPrefix + "later-" + UUID.randomUUID();
    List<String> order = new CopyOnWriteArrayList<>();
    try (MessageLog log = new MessageLog(producer(harness.kafka().bootstrapServers(), "60000"), kafka.topics(), 1 << 20, 0)) {
      CompletableFuture<RecordMetadata> first = send(log, missing, "first", order);
      // The producer knows the message topic: sent alone, this record would be acknowledged at once.
      CompletableFuture<RecordMetadata> second = send(log, log.topics().messages(), "second", order);
      // Both calls returned (a waiting send would hold this thread until max.block.ms, 60 s, and fail).
      assertThat(first).isNotDone();
      assertThat(log.pendingBytes()).isPositive();

      createTopic(missing); // tens of milliseconds at least, long after a direct send is acknowledged
      RecordMetadata firstMeta = first.get(30, TimeUnit.SECONDS);
      RecordMetadata secondMeta = second.get(30, TimeUnit.SECONDS);
      assertThat(firstMeta.offset()).isZero();
      // Kafka orders acknowledgements within a partition only; the records' create times (taken
      // in send) tell the order the producer was given them in.
      assertThat(secondMeta.timestamp()).as("nothing overtakes a refused record").isGreaterThanOrEqualTo(firstMeta.timestamp());

      // Once the queue has drained, records go straight to the producer again.
      CompletableFuture<RecordMetadata> third = send(log, missing, "third", order);
      assertThat(third.get(30, TimeUnit.SECONDS).offset()).isEqualTo(1);
      log.flush();
      assertThat(log.pendingBytes()).isZero();
    }
  }

  @Test
  void aRecordRefusedForLongerThanMaxBlockFailsAndTheOneBehindItIsSent() throws Exception {
    String never = kafka.topicPrefix + "never-" + UUID.randomUUID();
    List<String> order = new CopyOnWriteArrayList<>();
    try (MessageLog log = new MessageLog(producer(harness.kafka().bootstrapServers(), "300"), kafka.topics(), 1 << 20, 0)) {
      CompletableFuture<RecordMetadata> doomed = send(log, never, "doomed", order);
      CompletableFuture<RecordMetadata> behind = send(log, log.topics().messages(), "behind", order);
      assertThatThrownBy(() -> doomed.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(TimeoutException.class).hasMessageContaining("max.block.ms (300 ms)");
      assertThat(behind.get(30, TimeUnit.SECONDS).offset()).isGreaterThanOrEqualTo(0);
      assertThat(order).containsExactly("doomed", "behind");
      assertThat(log.pendingBytes()).isZero();
    }
  }

  @Test
  void aMaxBlockThatIsNotAWaitIsRefusedWithItsName() {
    assertThatThrownBy(() -> new MessageLog(producer(harness.kafka().bootstrapServers(), "soon"), kafka.topics(), 1 << 20, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kafka.producer.max.block.ms must be a number of milliseconds, 0 or more: soon");
  }

  @Test
  void aLogWhoseBrokerNeverAnswersFailsToStartAfterMaxBlock() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort(); // nothing listens there once the socket is closed
    }
    assertThatThrownBy(() -> new MessageLog(producer("127.0.0.1:" + closedPort, "500"), kafka.topics(), 1 << 20, 0))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("no metadata for " + kafka.topics().messages());
  }
}
