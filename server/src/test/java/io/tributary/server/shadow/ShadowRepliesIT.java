package io.tributary.server.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.core.config.KafkaConfig;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.envelope.Mqtt5Properties;
import io.tributary.core.envelope.Mqtt5Properties.UserProperty;
import io.tributary.core.topic.MatchMode;
import io.tributary.ingest.kafka.KafkaSettings;
import io.tributary.ingest.route.MessageFeed;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.tributary.streams.shadow.RestEnvelopes;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node listens for its REST replies only while REST calls are made: a call's request may be
 * published once the subscription took effect, its reply then always arrives, and once no call has
 * been pending for the idle time the subscription ends and the feed stops reading.
 */
class ShadowRepliesIT {
  private static final String NODE = "node-a";
  private static Path dir;
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    dir = Files.createTempDirectory("shadow-replies-it");
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
  }

  @AfterAll
  static void stopKafka() throws Exception {
    kafka.close();
    Utils.delete(dir.toFile());
  }

  @Test
  void subscribesWhileCallsAreMade_andStopsWhenNoneIsPendingForTheIdleTime() throws Exception {
    String topic = "replies-it-messages";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    Vertx vertx = Vertx.vertx();
    try (MessageFeed feed = new MessageFeed(KafkaSettings.consumer(kafka.bootstrapServers(), new KafkaConfig(),
        "replies-it"), topic, MatchMode.MQTT)) {
      feed.start();
      ShadowReplies replies = new ShadowReplies(vertx, feed, NODE, 3_000, 300);
      await().atMost(Duration.ofSeconds(30)).until(() -> !feed.reading());
      assertThat(replies.subscribed()).isFalse();

      // A call: once it may publish, the node listens, and the reply written after that arrives.
      ShadowReplies.Call first = call(vertx, replies, "req-1");
      first.listening().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(replies.subscribed()).isTrue();
      assertThat(feed.reading()).isTrue();
      writeReply(topic, "req-1", "{\"state\":1}");
      RestEnvelopes.Reply reply = first.reply().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.bodyText()).isEqualTo("{\"state\":1}");

      // Idle: the subscription ends and the feed stops reading.
      await().atMost(Duration.ofSeconds(30)).until(() -> !replies.subscribed() && !feed.reading());

      // A call that gets no reply keeps the subscription while it is pending, longer than the idle time.
      ShadowReplies.Call unanswered = call(vertx, replies, "req-2");
      unanswered.listening().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      CompletableFuture<RestEnvelopes.Reply> timedOut = unanswered.reply().toCompletionStage().toCompletableFuture();
      await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(2)).until(replies::subscribed);
      assertThat(timedOut).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(Exception.class)
          .withRootCauseInstanceOf(TimeoutException.class);
      await().atMost(Duration.ofSeconds(30)).until(() -> !replies.subscribed() && !feed.reading());

      // Subscribing again after that works the same.
      ShadowReplies.Call again = call(vertx, replies, "req-3");
      again.listening().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      writeReply(topic, "req-3", "{\"state\":3}");
      assertThat(again.reply().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).bodyText())
          .isEqualTo("{\"state\":3}");
      replies.close();
      await().atMost(Duration.ofSeconds(30)).until(() -> !feed.reading());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** Registers a call on a Vert.x context, as the REST handler does. */
  private static ShadowReplies.Call call(Vertx vertx, ShadowReplies replies, String requestId) throws Exception {
    CompletableFuture<ShadowReplies.Call> call = new CompletableFuture<>();
    vertx.runOnContext(v -> call.complete(replies.expect(requestId)));
    return call.get(30, TimeUnit.SECONDS);
  }

  /** Writes the reply the shadow job would write for {@code requestId}. */
  private static void writeReply(String topic, String requestId, String body) {
    Mqtt5Properties props = new Mqtt5Properties("application/json", 1, null, null, null,
        List.of(new UserProperty(RestEnvelopes.STATUS, "200")));
    Envelope reply = new Envelope(RestEnvelopes.replyTopic(NODE, requestId), body.getBytes(StandardCharsets.UTF_8), 1,
        false, "shadow-job", null, null, System.currentTimeMillis(), Envelope.Origin.SHADOW, props, NODE, requestId);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, "shadow-job", EnvelopeCodec.encode(reply)));
      producer.flush();
    }
  }
}
