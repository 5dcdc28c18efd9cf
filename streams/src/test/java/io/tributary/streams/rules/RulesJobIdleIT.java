package io.tributary.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.core.config.KafkaConfig;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.envelope.Mqtt5Properties;
import io.tributary.core.topic.MatchMode;
import io.tributary.kafka.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rules job without enabled rules reads on without evaluating anything; a rule stored later
 * takes effect at once and sees only messages written after it, however late the job reads them.
 */
class RulesJobIdleIT {
  @TempDir
  Path dir;

  @Test
  void aRuleCreatedOnAnIdleJobTakesEffectForMessagesWrittenAfterIt() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      KafkaConfig config = new KafkaConfig();
      config.topicPrefix = "idle.";
      config.partitions = 2;
      String out = "idle-out";
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(config.topics().messages(), 2, (short) 1),
            new NewTopic(out, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      }
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
           RulesJob job = RulesJob.start(new RulesJob.Options(kafka.bootstrapServers(), config, "n1",
               dir.resolve("streams"), MatchMode.MQTT, Clock.systemUTC()))) {
        assertThat(job.isIdle()).isTrue();
        long ruleWritten = System.currentTimeMillis();
        // written (record timestamp) before the rule: read, but never evaluated
        producer.send(message(config, "{\"seq\":1}", ruleWritten - 1000)).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> job.metrics().get("messages") == 1);

        TopicRule rule = new TopicRule("wake", "SELECT seq FROM 'idle/+'", null, 0, false, "2016-03-23",
            TopicRule.JSON.createArrayNode().add(TopicRule.JSON.readTree("{\"kafka\":{\"topic\":\"" + out + "\"}}")),
            null);
        producer.send(new ProducerRecord<>(config.topics().rules(), null, ruleWritten, rule.name(), rule.toStored())).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> job.activeRules().contains("wake") && !job.isIdle());
        producer.send(message(config, "{\"seq\":2}", System.currentTimeMillis())).get(); // same partition, after seq 1

        assertThat(outputsUntil(kafka.bootstrapServers(), out, "{\"seq\":2}")).containsExactly("{\"seq\":2}");
        assertThat(job.metrics().get("messages")).isEqualTo(2);
        assertThat(job.metrics().get("evaluations")).isEqualTo(1);

        producer.send(new ProducerRecord<>(config.topics().rules(), rule.name(), (byte[]) null)).get();
        await().atMost(Duration.ofSeconds(30)).until(job::isIdle);
      }
    }
  }

  private static ProducerRecord<String, byte[]> message(KafkaConfig config, String payload, long written) {
    Envelope e = new Envelope("idle/a", payload.getBytes(StandardCharsets.UTF_8), 1, false, "dev-a", null, null,
        written, Envelope.Origin.MQTT, Mqtt5Properties.NONE, "n1", "t-" + payload.hashCode());
    return new ProducerRecord<>(config.topics().messages(), null, written, "dev-a", EnvelopeCodec.encode(e));
  }

  /** The payloads the job wrote to {@code topic}, read until {@code last} shows up. */
  private static List<String> outputsUntil(String bootstrap, String topic, String last) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          seen.add(new String(r.value(), StandardCharsets.UTF_8));
        }
        return seen.contains(last);
      });
    }
    return seen;
  }
}
