package io.tributary.streams.shadow;

import io.tributary.core.config.TopicNames;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.tributary.shadow.ShadowLimits;
import io.tributary.streams.RunDirectory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures the shadow job on an embedded broker: updates per second in a burst, and update →
 * {@code update/accepted} latency (producer send to read-committed consumer receipt) at a steady
 * rate. Bounded: a warm-up, one burst, one paced run (each at most 3 minutes). From {@code streams/}:
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) io.tributary.streams.shadow.ShadowJobBenchmark
 * </pre>
 *
 * <p>Arguments: {@code [burstUpdates=20000] [things=1000] [pacedUpdates=2000] [pacedPerSecond=200]
 * [warmUpUpdates=2000] [catchUpUpdates=0] [catchUpRounds=2]}; C2 needs a minute or more of load, so for CPU figures warm up with
 * several hundred thousand updates.
 *
 * <p>The catch-up phase (when {@code catchUpUpdates > 0}, after the others) measures the job alone, as
 * {@code RulesThroughput} measures the rules job: the job is closed, that many update requests are
 * written while it is down, and it is started again on the same state; the rate is the requests its
 * consumer group commits per second, from the first commit that moves to the last, so neither this
 * benchmark's producer nor its consumer competes with the job for the cores while it works. The job
 * alone runs code paths the live phases do not (the broker's bulk fetches, larger transactions), so
 * its first round still compiles: quote the later rounds. System
 * properties {@code -Dbroker.<name>=<value>} override broker settings, {@code -Dstreams.<name>=<value>}
 * the job's Kafka Streams properties.
 */
public final class ShadowJobBenchmark {
  private ShadowJobBenchmark() {}

  public static void main(String[] args) throws Exception {
    int burst = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int things = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int paced = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    int perSecond = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 2_000;
    int catchUp = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    int catchUpRounds = args.length > 6 ? Integer.parseInt(args[6]) : 2;
    Path dir = RunDirectory.deletedAtExit("shadow-bench");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, prefixed("broker."))) {
      TopicNames topics = new TopicNames("bench.");
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(topics.messages(), 6, (short) 1),
            new NewTopic(topics.shadowRequests(), 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
      }
      ShadowJobConfig config = ShadowJobConfig.local(kafka.bootstrapServers(), topics, "bench", dir.resolve("streams"),
          "127.0.0.1:1").withLimits(ShadowLimits.aws().withMaxRequestsPerSecondPerThing(0))
          .withOverrides(prefixed("streams."));
      try (Run run = new Run(kafka.bootstrapServers(), topics)) {
        try (ShadowJob job = ShadowJob.start(config)) {
          if (!job.awaitRunning(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the job did not start");
          }
          run.measure("warm-up", warmUp, things, 0);
          run.measure("burst", burst, things, 0);
          run.measure("paced", paced, things, perSecond);
        }
        for (int i = 0; catchUp > 0 && i < catchUpRounds; i++) {
          catchUp(kafka.bootstrapServers(), config, run, catchUp, things);
        }
      }
    }
  }

  /** Writes {@code updates} requests while the job is down, then times the job working through them. */
  private static void catchUp(String bootstrap, ShadowJobConfig config, Run run, int updates, int things)
      throws Exception {
    run.sendRequestsOnly(updates, things);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      List<TopicPartition> parts = admin.describeTopics(List.of(config.topics().shadowRequests())).allTopicNames()
          .get(30, TimeUnit.SECONDS).get(config.topics().shadowRequests()).partitions().stream()
          .map(p -> new TopicPartition(config.topics().shadowRequests(), p.partition())).toList();
      long end = 0;
      for (var info : admin.listOffsets(parts.stream().collect(java.util.stream.Collectors.toMap(p -> p,
          p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get(30, TimeUnit.SECONDS).values()) {
        end += info.offset();
      }
      long before = committed(admin, config.applicationId(), parts);
      long jobCpuBefore = Run.jobCpuNanos();
      long processCpuBefore = Run.processCpuNanos();
      System.out.println("catch-up: " + (end - before) + " requests written; starting the job");
      try (ShadowJob job = ShadowJob.start(config)) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        long firstAt = 0;
        long first = before;
        long last = before;
        long lastAt = 0;
        while (last < end && System.nanoTime() < deadline) {
          long now = committed(admin, config.applicationId(), parts);
          if (now != last) {
            if (firstAt == 0) {
              firstAt = System.nanoTime();
              first = now;
            }
            last = now;
            lastAt = System.nanoTime();
          }
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        if (last < end || lastAt == firstAt) {
          throw new IllegalStateException("the job committed " + (last - before) + " of " + (end - before)
              + " requests in 5 minutes");
        }
        double seconds = (lastAt - firstAt) / 1e9;
        long n = end - before;
        System.out.printf("catch-up %6d updates over %5d things: %d committed after the first commit in %6.2f s = %8.0f"
                + " updates/s with %d stream thread(s); CPU per update: job threads %5.1f us, whole process %5.1f us%n",
            n, things, last - first, seconds, (last - first) / seconds,
            Integer.parseInt(config.overrides().getOrDefault("num.stream.threads", Integer.toString(config.streamThreads()))),
            (Run.jobCpuNanos() - jobCpuBefore) / 1e3 / n, (Run.processCpuNanos() - processCpuBefore) / 1e3 / n);
      }
    }
  }

  /** The requests the job's consumer group has committed, over all partitions. */
  private static long committed(Admin admin, String group, List<TopicPartition> parts) throws Exception {
    long sum = 0;
    var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    for (TopicPartition p : parts) {
      var o = offsets.get(p);
      sum += o == null ? 0 : o.offset();
    }
    return sum;
  }

  /** System properties {@code <prefix>name=value} as {@code name=value}: broker and Streams overrides. */
  private static Map<String, String> prefixed(String prefix) {
    Map<String, String> found = new java.util.TreeMap<>();
    System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith(prefix))
        .forEach(n -> found.put(n.substring(prefix.length()), System.getProperty(n)));
    if (!found.isEmpty()) {
      System.out.println(prefix + " overrides: " + found);
    }
    return found;
  }

  /** A producer of update requests and a read-committed consumer timing their accepted messages. */
  private static final class Run implements AutoCloseable {
    private final String topic;
    private final String requests;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private int round;

    Run(String bootstrap, TopicNames topics) {
      this.topic = topics.messages();
      this.requests = topics.shadowRequests();
      Properties p = new Properties();
      p.put("bootstrap.servers", bootstrap);
      p.put("linger.ms", "2");
      producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
      Properties c = new Properties();
      c.put("bootstrap.servers", bootstrap);
      c.put("isolation.level", "read_committed");
      c.put("fetch.max.wait.ms", "10");
      consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
      List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(parts);
      consumer.seekToEnd(parts);
      parts.forEach(consumer::position);
    }

    /** Writes update requests only (no copies on the message topic), as fast as the producer takes them. */
    void sendRequestsOnly(int updates, int things) {
      round++;
      for (int i = 0; i < updates; i++) {
        String thing = thing(i, things);
        Envelope e = update(thing, round + "-" + i, i);
        producer.send(new ProducerRecord<>(requests, thing, EnvelopeCodec.encode(e)));
      }
      producer.flush();
    }

    void measure(String name, int updates, int things, int perSecond) throws InterruptedException {
      round++;
      sentAt.clear();
      AtomicInteger accepted = new AtomicInteger();
      long[] latencies = new long[updates];
      Thread sender = new Thread(() -> send(updates, things, perSecond));
      long jobCpuBefore = jobCpuNanos();
      long processCpuBefore = processCpuNanos();
      long start = System.nanoTime();
      sender.start();
      long deadline = start + TimeUnit.MINUTES.toNanos(3);
      while (accepted.get() < updates && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          Envelope e = EnvelopeCodec.decode(r.value());
          if (e.topic().endsWith("/update/accepted")) {
            String text = new String(e.payload(), StandardCharsets.UTF_8);
            String token = text.substring(text.lastIndexOf("\"clientToken\":\"") + 15, text.lastIndexOf('"'));
            Long sent = sentAt.remove(token);
            if (sent != null) {
              latencies[accepted.getAndIncrement()] = System.nanoTime() - sent;
            }
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      sender.join();
      int n = accepted.get();
      long[] done = Arrays.copyOf(latencies, n);
      Arrays.sort(done);
      double jobCpu = (jobCpuNanos() - jobCpuBefore) / 1e3 / Math.max(1, n);
      double processCpu = (processCpuNanos() - processCpuBefore) / 1e3 / Math.max(1, n);
      System.out.printf("%-8s %6d updates over %5d things in %6.2f s = %8.0f updates/s; accepted latency p50 %6.1f ms,"
          + " p99 %6.1f ms, max %6.1f ms; CPU per update: job threads %5.1f us, whole process %5.1f us%n", name, n,
          things, seconds, n / seconds, percentile(done, 0.50), percentile(done, 0.99), percentile(done, 1.0),
          jobCpu, processCpu);
    }

    /**
     * CPU time of the job's threads (stream threads and their producers' network threads): unlike
     * wall-clock throughput, hardly affected by other processes competing for the cores.
     */
    private static long jobCpuNanos() {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long total = 0;
      for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (info != null && info.getThreadName().contains("StreamThread")) {
          total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
        }
      }
      return total;
    }

    /** CPU time of this whole process: broker, job and the benchmark's own clients. */
    private static long processCpuNanos() {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }

    private void send(int updates, int things, int perSecond) {
      long start = System.nanoTime();
      for (int i = 0; i < updates; i++) {
        if (perSecond > 0) {
          long due = start + (long) i * 1_000_000_000L / perSecond;
          // Sleep, don't spin: a spinning sender takes one of the machine's two cores from the job.
          for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
          }
        }
        String thing = thing(i, things);
        String token = round + "-" + i;
        Envelope e = update(thing, token, i);
        sentAt.put(token, System.nanoTime());
        byte[] bytes = EnvelopeCodec.encode(e);
        // As the gateway writes a request: on the message topic, and keyed by thing for the job.
        producer.send(new ProducerRecord<>(requests, thing, bytes));
        producer.send(new ProducerRecord<>(topic, e.clientId(), bytes));
      }
      producer.flush();
    }

    private static String thing(int i, int things) {
      return "thing-" + (i % things);
    }

    /** Update request {@code seq} for {@code thing} over MQTT, reporting a new {@code seq}. */
    private static Envelope update(String thing, String clientToken, int seq) {
      String body = "{\"state\":{\"reported\":{\"seq\":" + seq + ",\"temp\":21.5}},\"clientToken\":\""
          + clientToken + "\"}";
      return Requests.mqtt("$aws/things/" + thing + "/shadow/update", body, 1, System.currentTimeMillis());
    }

    private static double percentile(long[] sorted, double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
      return sorted[Math.max(0, index)] / 1e6;
    }

    @Override
    public void close() {
      producer.close();
      consumer.close();
    }
  }
}
