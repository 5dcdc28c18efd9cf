package io.tributary.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.core.config.KafkaConfig;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.envelope.Mqtt5Properties;
import io.tributary.core.topic.MatchMode;
import io.tributary.kafka.embedded.EmbeddedKafka;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rules job without enabled rules stops its Streams instance (no member in the group, no stream
 * thread, nothing read); the first rule enabled afterwards takes effect within seconds for
 * messages written after it, skipping what was written while the job was stopped, on one node and
 * on two nodes sharing the group.
 */
class RulesJobIdleIT {
  private static final Duration GRACE = Duration.ofMillis(500);
  /** "Within seconds", with room for a loaded build machine. */
  private static final Duration TAKES_EFFECT = Duration.ofSeconds(20);
  private static final String OUT = "idle-out";

  @TempDir
  Path dir;
  private EmbeddedKafka kafka;
  private KafkaConfig config;
  private KafkaProducer<String, byte[]> producer;
  private Admin admin;

  @BeforeEach
  void broker() throws Exception {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    config = new KafkaConfig();
    config.topicPrefix = "idle.";
    config.partitions = 2;
    admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    admin.createTopics(List.of(new NewTopic(config.topics().messages(), 2, (short) 1),
        new NewTopic(OUT, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  @AfterEach
  void close() {
    producer.close();
    admin.close();
    kafka.close();
  }

  private RulesJob job(String node) {
    return RulesJob.start(new RulesJob.Options(kafka.bootstrapServers(), config, node, dir.resolve("streams-" + node),
        MatchMode.MQTT, Clock.systemUTC()).withIdleStopAfter(GRACE));
  }

  @Test
  void anIdleJobIsStoppedAndTheFirstRuleAfterALongIdlePeriodSkipsTheBacklog() throws Exception {
    try (RulesJob job = job("n1")) {
      assertThat(job.isIdle()).isTrue();
      assertThat(job.isConsuming()).isFalse();
      assertThat(job.isHealthy()).isTrue(); // stopped on purpose
      assertThat(job.state()).isEqualTo(RulesJob.State.STOPPED);
      assertThat(groupMembers()).isZero();
      assertThat(streamThreads("n1")).isZero();

      long now = System.currentTimeMillis();
      backlog(2_000, now - Duration.ofHours(1).toMillis()); // written while the job was stopped
      assertThat(job.metrics().get("messages")).isZero();

      long ruleWritten = System.currentTimeMillis();
      putRule("wake", false, ruleWritten);
      // Written right after the rule record, with the very same timestamp, before the job may
      // even have read the rule: the rule applies to it.
      producer.send(message("{\"seq\":1}", 0, ruleWritten)).get();
      long started = System.nanoTime();
      assertThat(outputsUntil(List.of("{\"seq\":1}"))).containsExactly("{\"seq\":1}");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TAKES_EFFECT);
      assertThat(job.isConsuming()).isTrue();
      assertThat(job.state()).isEqualTo(RulesJob.State.RUNNING);
      assertThat(job.metrics().get("messages")).isEqualTo(1); // the backlog was skipped, not read
      assertThat(job.metrics().get("evaluations")).isEqualTo(1);

      // disabled: the instance stops after the grace period and leaves the group
      putRule("wake", true, System.currentTimeMillis());
      await().atMost(TAKES_EFFECT).until(() -> !job.isConsuming());
      assertThat(groupMembers()).isZero();
      assertThat(streamThreads("n1")).isZero();
      assertThat(job.isHealthy()).isTrue();
      assertThat(job.state()).isEqualTo(RulesJob.State.STOPPED);

      backlog(1_000, System.currentTimeMillis() - Duration.ofMinutes(30).toMillis());
      long enabled = System.currentTimeMillis();
      putRule("wake", false, enabled);
      producer.send(message("{\"seq\":2}", 1, enabled)).get();
      assertThat(outputsUntil(List.of("{\"seq\":1}", "{\"seq\":2}"))).containsExactly("{\"seq\":1}", "{\"seq\":2}");
      assertThat(job.metrics().get("messages")).isEqualTo(2);
      assertThat(job.starts()).isEqualTo(2);
      assertThat(job.stops()).isEqualTo(1);
      await().atMost(TAKES_EFFECT).until(() -> groupMembers() == 1);
      assertThat(job.isHealthy()).isTrue();
    }
    assertThat(streamThreads("n1")).isZero();
  }

  @Test
  void anIdleJobClosesAtOnce() {
    RulesJob job = job("n1");
    long started = System.nanoTime();
    job.close();
    // the rules reader's long poll (10 s) must not hold the node's shutdown
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    assertThat(job.isHealthy()).isFalse();
    assertThat(job.state()).isEqualTo(RulesJob.State.CLOSED);
    assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("idle.rules-n1"))).isEmpty();
  }

  @Test
  void twoNodesStopWhenIdleAndBothComeBackForTheFirstRule() throws Exception {
    try (RulesJob a = job("n1"); RulesJob b = job("n2")) {
      assertThat(a.isConsuming() || b.isConsuming()).isFalse();
      backlog(2_000, System.currentTimeMillis() - Duration.ofHours(1).toMillis());

      long ruleWritten = System.currentTimeMillis();
      putRule("wake", false, ruleWritten);
      producer.send(message("{\"seq\":1}", 0, ruleWritten)).get();
      producer.send(message("{\"seq\":2}", 1, ruleWritten)).get();
      List<String> out = outputsUntil(List.of("{\"seq\":1}", "{\"seq\":2}"));
      assertThat(out).containsExactlyInAnyOrder("{\"seq\":1}", "{\"seq\":2}"); // each once
      await().atMost(TAKES_EFFECT).until(() -> a.isConsuming() && b.isConsuming() && groupMembers() == 2);
      assertThat(a.metrics().get("messages") + b.metrics().get("messages")).isEqualTo(2);

      // after the rebalance each node has one partition; both evaluate
      long later = System.currentTimeMillis();
      producer.send(message("{\"seq\":3}", 0, later)).get();
      producer.send(message("{\"seq\":4}", 1, later)).get();
      assertThat(outputsUntil(List.of("{\"seq\":1}", "{\"seq\":2}", "{\"seq\":3}", "{\"seq\":4}")))
          .containsExactlyInAnyOrder("{\"seq\":1}", "{\"seq\":2}", "{\"seq\":3}", "{\"seq\":4}");

      putRule("wake", true, System.currentTimeMillis());
      await().atMost(TAKES_EFFECT).until(() -> !a.isConsuming() && !b.isConsuming());
      assertThat(groupMembers()).isZero();
      assertThat(streamThreads("n1") + streamThreads("n2")).isZero();
    }
  }

  @Test
  void stoppingAndStartingLeaksNoThreadsMetricsOrStateDirectories() throws Exception {
    try (RulesJob job = job("n1")) {
      java.util.Set<String> before = null; // after the first cycle
      List<Long> dirs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        long t = System.currentTimeMillis();
        putRule("wake", false, t);
        producer.send(message("{\"cycle\":" + i + "}", 0, t)).get();
        await().atMost(TAKES_EFFECT).until(() -> job.isConsuming() && groupMembers() == 1);
        assertThat(kafkaMBeans("idle.rules-n1-StreamThread")).isPositive();
        putRule("wake", true, System.currentTimeMillis());
        await().atMost(TAKES_EFFECT).until(() -> !job.isConsuming());
        assertThat(streamThreads("n1")).isZero();
        assertThat(kafkaMBeans("idle.rules-n1-StreamThread")).isZero();
        assertThat(streamsMBeans()).isZero();
        dirs.add(files(dir.resolve("streams-n1")));
        if (before == null) {
          before = threadNames();
        }
      }
      assertThat(dirs.get(2)).isEqualTo(dirs.get(1));
      assertThat(job.stops()).isEqualTo(3);
      java.util.Set<String> after = threadNames();
      after.removeAll(before);
      assertThat(after).isEmpty();
    }
  }

  private void putRule(String name, boolean disabled, long written) throws Exception {
    TopicRule rule = new TopicRule(name, "SELECT * FROM 'idle/+'", null, 0, disabled, "2016-03-23",
        TopicRule.JSON.createArrayNode().add(TopicRule.JSON.readTree("{\"kafka\":{\"topic\":\"" + OUT + "\"}}")),
        null);
    producer.send(new ProducerRecord<>(config.topics().rules(), null, written, rule.name(), rule.toStored())).get();
  }

  /** {@code count} messages over both partitions, timestamped from {@code since} on, one a millisecond. */
  private void backlog(int count, long since) throws Exception {
    for (int i = 0; i < count; i++) {
      producer.send(message("{\"old\":" + i + "}", i % 2, since + i));
    }
    producer.flush();
  }

  private ProducerRecord<String, byte[]> message(String payload, int partition, long written) {
    Envelope e = new Envelope("idle/a", payload.getBytes(StandardCharsets.UTF_8), 1, false, "dev-a", null, null,
        written, Envelope.Origin.MQTT, Mqtt5Properties.NONE, "n1", "t-" + payload.hashCode());
    return new ProducerRecord<>(config.topics().messages(), partition, written, "dev-a", EnvelopeCodec.encode(e));
  }

  private int groupMembers() throws Exception {
    try {
      return admin.describeConsumerGroups(List.of(config.topics().rules())).all().get(10, TimeUnit.SECONDS)
          .get(config.topics().rules()).members().size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return 0;
      }
      throw e;
    }
  }

  /** Names of the threads of Kafka clients ("kind | client id") and of the job (the broker's are left out). */
  private static java.util.Set<String> threadNames() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(n -> n.contains(" | ") || n.contains("idle.rules") || n.startsWith("tributary-rules"))
        .forEach(names::add);
    return names;
  }

  private static long streamThreads(String node) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("idle.rules-" + node + "-StreamThread")).count();
  }

  /** Registered Kafka client MBeans (kafka.consumer, kafka.producer, kafka.admin.client) of a client id prefix. */
  private static long kafkaMBeans(String clientIdPrefix) throws Exception {
    return ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("kafka.*:*"), null).stream()
        .filter(n -> n.getKeyProperty("client-id") != null && n.getKeyProperty("client-id").startsWith(clientIdPrefix))
        .count();
  }

  private static long streamsMBeans() throws Exception {
    return ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("kafka.streams:*"), null).size();
  }

  private static long files(Path root) throws Exception {
    if (!Files.exists(root)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(root)) {
      return all.count();
    }
  }

  /** The payloads the job wrote to the output topic, read until all of {@code expected} showed up. */
  private List<String> outputsUntil(List<String> expected) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(OUT, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      await().atMost(TAKES_EFFECT).until(() -> {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          seen.add(new String(r.value(), StandardCharsets.UTF_8));
        }
        return seen.containsAll(expected);
      });
      // anything the job wrote by mistake (a backlog message, a duplicate) would be committed by now
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      while (consumer.position(tp) < end) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          seen.add(new String(r.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return seen;
  }
}
