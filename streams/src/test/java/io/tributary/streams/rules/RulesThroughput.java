package io.tributary.streams.rules;

import io.tributary.core.config.KafkaConfig;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.envelope.Mqtt5Properties;
import io.tributary.core.topic.MatchMode;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.tributary.streams.RunDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Job throughput with 1 rule (matching every message), 5 rules (all matching), and 100 and 1,000
 * rules of which 5 match every message (the others have FROM filters no message matches). Matching rules have
 * {@code WHERE temp > 95} and a kafka action, so about 4 % of evaluations write a record to a
 * platform topic. Messages are written to the message topic first, then the rules job is started
 * and timed until it has consumed them all (catch-up rate, exactly_once_v2, one stream thread,
 * embedded broker in the same JVM). Not a unit test: run
 * {@code java -cp <test classpath> io.tributary.streams.rules.RulesThroughput [messages [rule counts...]]}
 * (the classpath: {@code mvn -o -q -pl streams dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=cp.txt} plus the modules' {@code target/classes} and {@code target/test-classes}).
 */
public final class RulesThroughput {
  private RulesThroughput() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    Path dir = RunDirectory.deletedAtExit("rules-throughput");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      // The first run warms up the JIT and the broker; it is printed but not meant to be quoted.
      // 5 rules all matching isolates what the 995 others cost in the 1,000-rule case.
      int[] cases = args.length > 1
          ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
          : new int[] {1, 1, 5, 100, 1000, 1};
      for (int rules : cases) {
        run(kafka.bootstrapServers(), dir, rules, messages);
      }
    }
  }

  private static void run(String bootstrap, Path dir, int ruleCount, int messages) throws Exception {
    KafkaConfig config = new KafkaConfig();
    config.topicPrefix = "bench" + ruleCount + "-" + System.nanoTime() + ".";
    config.partitions = 2;
    String out = "bench-out-" + ruleCount + "-" + System.nanoTime(); // not under the prefix: reserved for Tributary
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(config.topics().messages(), 2, (short) 1),
          new NewTopic(config.topics().rules(), 1, (short) 1), new NewTopic(out, 2, (short) 1)))
          .all().get();
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      int matching = Math.min(ruleCount, 5);
      for (int i = 0; i < ruleCount; i++) {
        String sql = i < matching ? "SELECT temp, topic(2) AS device FROM 'devices/+/telemetry' WHERE temp > 95"
            : "SELECT * FROM 'fleet/" + i + "/+' WHERE temp > 95";
        TopicRule rule = new TopicRule("r" + i, sql, null, 0, false, "2016-03-23",
            TopicRule.JSON.createArrayNode().add(TopicRule.JSON.readTree("{\"kafka\":{\"topic\":\"" + out + "\"}}")),
            null);
        producer.send(new ProducerRecord<>(config.topics().rules(), rule.name(), rule.toStored()));
      }
      for (int i = 0; i < messages; i++) {
        String device = "d" + (i % 1000);
        byte[] payload = ("{\"temp\":" + (i % 100) + ",\"humidity\":41.5,\"battery\":3.71,\"fw\":\"1.4.2\","
            + "\"site\":\"plant-7\",\"seq\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        Envelope e = new Envelope("devices/" + device + "/telemetry", payload, 1, false, device, null, null,
            System.currentTimeMillis(), Envelope.Origin.MQTT, Mqtt5Properties.NONE, "bench", "t" + i);
        producer.send(new ProducerRecord<>(config.topics().messages(), device, EnvelopeCodec.encode(e)));
      }
    }
    try (RulesJob job = RulesJob.start(new RulesJob.Options(bootstrap, config, "bench", dir.resolve("streams"),
        MatchMode.MQTT, Clock.systemUTC()))) {
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(1))
          .pollInterval(java.time.Duration.ofMillis(1)).until(() -> job.metrics().get("messages") > 0);
      long start = System.nanoTime();
      long first = job.metrics().get("messages");
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(10))
          .pollInterval(java.time.Duration.ofMillis(20)).until(() -> job.metrics().get("messages") >= messages);
      double seconds = (System.nanoTime() - start) / 1e9;
      double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      if (job.metrics().get("actionFailures") > 0) {
        throw new IllegalStateException("actions failed: " + job.metrics().snapshot());
      }
      System.out.printf("rules=%d messages=%d evaluations=%d outputs=%d writes=%d time=%.2fs throughput=%.0f msg/s load=%.2f%n",
          ruleCount, messages, job.metrics().get("evaluations"), job.metrics().get("outputs"),
          job.metrics().get("platformWrites"), seconds,
          (messages - first) / seconds, load);
    }
  }
}
