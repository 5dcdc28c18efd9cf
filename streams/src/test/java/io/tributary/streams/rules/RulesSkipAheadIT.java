package io.tributary.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.kafka.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SkipAhead} against a real broker: forward only, by record time, never while the group has members. */
class RulesSkipAheadIT {
  private static final String TOPIC = "skip.messages";
  private static final String GROUP = "skip.rules";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  @TempDir
  Path dir;

  @Test
  void movesCommittedOffsetsForwardToTheFirstRecordAtOrAfterTheTimeAndNeverBack() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
         Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
        // partition 0: timestamps 1000..1009 at offsets 0..9, with one late record (ts 900) at offset 7
        for (int i = 0; i < 10; i++) {
          producer.send(new ProducerRecord<>(TOPIC, 0, i == 7 ? 900L : 1000L + i, null, new byte[1])).get();
        }

        // no committed offsets: partition 0 from the first record at or after 1005, empty partition 1 from its end
        SkipAhead.Result first = SkipAhead.run(admin, GROUP, TOPIC, 1005, TIMEOUT);
        assertThat(first.outcome()).isEqualTo(SkipAhead.Outcome.MOVED);
        assertThat(committed(admin)).isEqualTo(Map.of(P0, 5L, P1, 0L));

        // already there: nothing to do
        assertThat(SkipAhead.run(admin, GROUP, TOPIC, 1005, TIMEOUT).outcome())
            .isEqualTo(SkipAhead.Outcome.NOTHING_TO_MOVE);
        // never backward
        admin.alterConsumerGroupOffsets(GROUP, Map.of(P0, new OffsetAndMetadata(8))).all().get();
        assertThat(SkipAhead.run(admin, GROUP, TOPIC, 1002, TIMEOUT).outcome())
            .isEqualTo(SkipAhead.Outcome.NOTHING_TO_MOVE);
        assertThat(committed(admin)).containsEntry(P0, 8L);
        // later than every record: the end, which no record written afterwards is before
        assertThat(SkipAhead.run(admin, GROUP, TOPIC, 5000, TIMEOUT).outcome()).isEqualTo(SkipAhead.Outcome.MOVED);
        assertThat(committed(admin)).isEqualTo(Map.of(P0, 10L, P1, 0L));

        // a member in the group (another node's job): Kafka refuses, nothing changes
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> member = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
          member.subscribe(List.of(TOPIC));
          await().atMost(TIMEOUT).until(() -> {
            member.poll(Duration.ofMillis(100));
            return !member.assignment().isEmpty();
          });
          for (int i = 0; i < 5; i++) {
            producer.send(new ProducerRecord<>(TOPIC, 0, 6000L + i, null, new byte[1])).get();
          }
          assertThat(SkipAhead.run(admin, GROUP, TOPIC, 6003, TIMEOUT).outcome())
              .isEqualTo(SkipAhead.Outcome.GROUP_ACTIVE);
          assertThat(committed(admin)).containsEntry(P0, 10L);
        }
      }
    }
  }

  private static Map<TopicPartition, Long> committed(Admin admin) throws Exception {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
        .forEach((tp, o) -> offsets.put(tp, o.offset()));
    return offsets;
  }
}
