package io.tributary.bench.load;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code rules}: the fan-in load with {@code --rules} topic rules installed over the node's REST
 * API, one of which matches every fan-in message and writes it to a Kafka topic of its own with a
 * {@code kafka} action; the others have FROM filters nothing matches. A read-committed consumer
 * counts that topic, so the figure is what the rules job delivered: outputs per second over the
 * busiest window as long as the measured run ({@code --duration}). While the job keeps up this is
 * the ingest rate; when it falls behind, it goes on after the publishers stop and the figure is the
 * job's own rate. Every acknowledged publish must produce exactly one output. Needs
 * {@code --kafka-bootstrap} and the node's {@code --http-port}; the rules are deleted afterwards.
 */
final class RulesScenario {
  private static final Duration SETTLE = Duration.ofSeconds(5);

  RunResult run(Vertx vertx, LoadSettings s, PrintStream out) throws Exception {
    if (s.kafkaBootstrap == null || s.kafkaBootstrap.isBlank()) {
      return RunResult.skipped("rules", s, "needs --kafka-bootstrap to count the rules job's outputs");
    }
    String run = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    String outTopic = "bench-rules-" + run;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base = "http://" + s.host + ":" + s.httpPort + "/rules/";
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrap))) {
      admin.createTopics(List.of(new NewTopic(outTopic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    int rules = Math.max(1, s.rules);
    try {
      for (int i = 0; i < rules; i++) {
        String sql = i == 0 ? "SELECT * FROM 'bench/+/in/+'" : "SELECT * FROM 'bench/" + run + "/other/" + i + "/+'";
        String body = "{\"sql\":\"" + sql + "\",\"awsIotSqlVersion\":\"2016-03-23\",\"actions\":[{\"kafka\":{\"topic\":\""
            + outTopic + "\"}}]}";
        HttpResponse<String> r = send(http, "POST", base + name(run, i), body);
        if (r == null || r.statusCode() != 200) {
          return RunResult.skipped("rules", s, "no topic-rule API answered at " + base + " ("
              + (r == null ? "no connection" : r.statusCode() + " " + r.body()) + ")");
        }
      }
      out.printf("rules: %d rules installed, outputs counted on %s%n", rules, outTopic);
      try (OutputCounter outputs = new OutputCounter(s.kafkaBootstrap, outTopic)) {
        outputs.start();
        // A rule takes effect once the node's job has loaded it (AWS: "within seconds"): probe over
        // HTTP publish until the first rule answers, then count from zero.
        String probe = "http://" + s.host + ":" + s.httpPort + "/topics/bench/" + run + "/in/probe?qos=1";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (outputs.count() == 0 && System.nanoTime() < deadline) {
          send(http, "POST", probe, "{\"probe\":true}");
          TimeUnit.MILLISECONDS.sleep(200);
        }
        if (outputs.count() == 0) {
          return RunResult.skipped("rules", s, "the rules did not take effect within 30 s");
        }
        outputs.awaitSettled();
        outputs.reset();
        RunResult fanIn = new MessageScenario(MessageScenario.Shape.FAN_IN).run(vertx, s, out);
        outputs.awaitSettled();
        return result(s, rules, fanIn, outputs);
      }
    } finally {
      for (int i = 0; i < rules; i++) {
        send(http, "DELETE", base + name(run, i), null);
      }
    }
  }

  private static RunResult result(LoadSettings s, int rules, RunResult fanIn, OutputCounter outputs) {
    RunResult r = new RunResult("rules", s.label, s.describe()).samples(fanIn.samples());
    r.throughput(outputs.bestRate(TimeUnit.SECONDS.toNanos(s.duration)),
        "msg/s through the rules job (busiest " + s.duration + " s)");
    double seconds = outputs.spanNanos() / 1e9;
    r.figure("outputs per second, first to last output", String.format("%,.0f /s over %.1f s",
        seconds > 0 ? outputs.count() / seconds : Double.NaN, seconds));
    r.figure("rules installed (1 matching)", rules);
    r.figure("rule outputs", outputs.count());
    r.figure("ingest (fan-in " + fanIn.throughputLabel() + ")", LoadHarness.formatRate(fanIn.throughput()));
    fanIn.figures().forEach(r::figure);
    fanIn.failures().forEach(r::fail);
    String acknowledged = fanIn.figures().get("acknowledged");
    if (s.qos > 0 && acknowledged != null) {
      long acked = Long.parseLong(acknowledged.replace(",", ""));
      if (outputs.count() < acked) {
        r.fail((acked - outputs.count()) + " acknowledged messages produced no rule output");
      }
    }
    return r;
  }

  private static String name(String run, int i) {
    return "bench_" + run + "_" + i;
  }

  private static HttpResponse<String> send(HttpClient http, String method, String url, String body) {
    try {
      HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(body);
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
          .header("content-type", "application/json").method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      return null;
    }
  }

  /** Counts the committed records of one topic on a thread of its own, with the times of the first and last. */
  private static final class OutputCounter extends Thread implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong count = new AtomicLong();
    private volatile long first;
    private volatile long last;
    /** (nanoTime, cumulative count) after each poll that returned records. */
    private final List<long[]> progress = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    OutputCounter(String bootstrap, String topic) {
      super("rules-output-counter");
      Properties c = new Properties();
      c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      this.topic = topic;
      setDaemon(true);
    }

    @Override
    public void run() {
      consumer.assign(List.of(new org.apache.kafka.common.TopicPartition(topic, 0)));
      while (!stop.get()) {
        int n = consumer.poll(Duration.ofMillis(100)).count();
        if (n > 0) {
          long now = System.nanoTime();
          if (count.getAndAdd(n) == 0) {
            first = now;
          }
          last = now;
          progress.add(new long[] {now, count.get()});
        }
      }
      consumer.close();
    }

    /** Waits until no output arrived for {@link #SETTLE} (the job has caught up). */
    void awaitSettled() throws InterruptedException {
      long seen = -1;
      while (count.get() != seen) {
        seen = count.get();
        TimeUnit.MILLISECONDS.sleep(SETTLE.toMillis());
      }
    }

    long count() {
      return count.get();
    }

    /** Forgets what was counted so far (the probe's outputs). */
    void reset() {
      count.set(0);
      first = 0;
      last = 0;
      progress.clear();
    }

    /** The highest outputs per second over any span of about {@code window} between two polls. */
    double bestRate(long window) {
      List<long[]> points;
      synchronized (progress) {
        points = List.copyOf(progress);
      }
      if (points.size() < 2) {
        return Double.NaN;
      }
      double best = 0;
      int from = 0;
      for (int to = 1; to < points.size(); to++) {
        while (from + 1 < to && points.get(to)[0] - points.get(from + 1)[0] >= window) {
          from++;
        }
        long span = points.get(to)[0] - points.get(from)[0];
        if (span >= window || (from == 0 && to == points.size() - 1)) {
          // outputs after the window's first poll, over the time since it
          best = Math.max(best, (points.get(to)[1] - points.get(from)[1]) / (span / 1e9));
        }
      }
      return best;
    }

    long spanNanos() {
      return count.get() == 0 ? 0 : last - first;
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      join(10_000);
    }
  }
}
