package io.tributary.streams.rules;

import io.tributary.core.config.KafkaConfig;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.envelope.Mqtt5Properties;
import io.tributary.core.topic.MatchMode;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.tributary.streams.RunDirectory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
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
 * What a rules job without any rule costs per message written: the CPU time of the job's threads
 * (every thread whose name carries the job's client or group id, and the topic catalog's) and of
 * the whole process (embedded broker and the producer included) while {@code messages} messages
 * are written to a 6-partition message topic. Not a unit test: run
 * {@code java -cp <test classpath> io.tributary.streams.rules.RulesIdleCost [messages]} (classpath
 * as for {@link RulesThroughput}). Uses only API that existed before the job stopped while idle,
 * so the same file measures both.
 */
public final class RulesIdleCost {
  private RulesIdleCost() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    Path dir = RunDirectory.deletedAtExit("rules-idle");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      for (int round = 0; round < 2; round++) { // the first round warms up; both are printed
        KafkaConfig config = new KafkaConfig();
        config.topicPrefix = "idle" + round + ".";
        config.partitions = 6;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
          admin.createTopics(List.of(new NewTopic(config.topics().messages(), 6, (short) 1))).all().get();
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
             RulesJob job = RulesJob.start(new RulesJob.Options(kafka.bootstrapServers(), config, "bench",
                 dir.resolve("streams" + round), MatchMode.MQTT, Clock.systemUTC()))) {
          Thread.sleep(15_000); // past the idle grace period: the stopped state is what is measured
          String marker = config.topicPrefix + "rules";
          Map<Long, Long> before = jobThreads(threads, marker);
          long processBefore = os.getProcessCpuTime();
          long wallBefore = System.nanoTime();
          for (int i = 0; i < messages; i++) {
            String device = "d" + (i % 1000);
            byte[] payload = ("{\"temp\":" + (i % 100) + ",\"humidity\":41.5,\"seq\":" + i + "}")
                .getBytes(StandardCharsets.UTF_8);
            Envelope e = new Envelope("devices/" + device + "/telemetry", payload, 1, false, device, null, null,
                System.currentTimeMillis(), Envelope.Origin.MQTT, Mqtt5Properties.NONE, "bench", "t" + i);
            producer.send(new ProducerRecord<>(config.topics().messages(), device, EnvelopeCodec.encode(e)));
          }
          producer.flush();
          long deadline = System.nanoTime() + 60_000_000_000L;
          while (job.metrics().get("messages") < messages && System.nanoTime() < deadline
              && (job.metrics().get("messages") > 0 || System.nanoTime() < wallBefore + 20_000_000_000L)) {
            Thread.sleep(50);
          }
          Thread.sleep(3_000); // the same settling time in both builds
          Map<Long, Long> after = jobThreads(threads, marker);
          long processCpu = os.getProcessCpuTime() - processBefore;
          long jobCpu = 0;
          StringBuilder byThread = new StringBuilder();
          for (Map.Entry<Long, Long> t : after.entrySet()) {
            long ns = t.getValue() - before.getOrDefault(t.getKey(), 0L);
            jobCpu += ns;
            java.lang.management.ThreadInfo info = threads.getThreadInfo(t.getKey());
            byThread.append(String.format("  %s: %.1fms%n", info == null ? t.getKey() : info.getThreadName(), ns / 1e6));
          }
          System.out.printf("round=%d messages=%d read-by-job=%d job-threads-cpu=%.1fms (%.3f us/msg) "
                  + "process-cpu=%.0fms (%.2f us/msg) wall=%.1fs load=%.1f%n",
              round, messages, job.metrics().get("messages"), jobCpu / 1e6, jobCpu / 1e3 / messages,
              processCpu / 1e6, processCpu / 1e3 / messages, (System.nanoTime() - wallBefore) / 1e9,
              os.getSystemLoadAverage());
          System.out.print(byThread);
        }
      }
    }
  }

  /** CPU nanoseconds by thread id of the job's threads. */
  private static Map<Long, Long> jobThreads(ThreadMXBean threads, String marker) {
    Map<Long, Long> cpu = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String name = t.getName();
      if (name.contains(marker) || name.startsWith("tributary-rules")) {
        long ns = threads.getThreadCpuTime(t.getId());
        if (ns >= 0) {
          cpu.put(t.getId(), ns);
        }
      }
    }
    return cpu;
  }
}
