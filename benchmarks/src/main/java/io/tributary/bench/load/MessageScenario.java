package io.tributary.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The message-flow scenarios. {@code fan-in}: N publishers, no subscriber (ingest into the
 * broker; with QoS 1 the PUBACK means "in Kafka"). {@code d2d}: N publishers, each with its own
 * subscriber on its own topic, every message counted. {@code fan-out}: one publisher, N subscribers
 * of its topic.
 */
final class MessageScenario {

  enum Shape {
    FAN_IN("fan-in"), D2D("d2d"), FAN_OUT("fan-out");

    final String id;

    Shape(String id) {
      this.id = id;
    }
  }

  private static final long DRAIN_POLL_MILLIS = 50;

  private final Shape shape;

  MessageScenario(Shape shape) {
    this.shape = shape;
  }

  RunResult run(Vertx vertx, LoadSettings s, PrintStream out) throws Exception {
    String run = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    int publishers = shape == Shape.FAN_OUT ? 1 : s.connections;
    int subscribers = shape == Shape.FAN_IN ? 0 : s.connections;
    Metrics metrics = new Metrics();
    try (Fleet fleet = new Fleet(vertx, s);
         MessageTopicProbe kafka = shape == Shape.FAN_IN ? MessageTopicProbe.of(s.kafkaBootstrap, s.messageTopic) : null) {
      BenchClient[] subs = fleet.connectAll("bench-" + run + "-sub-", subscribers);
      List<Receiver> receivers = subscribe(subs, run, s.qos, metrics);
      BenchClient[] pubs = fleet.connectAll("bench-" + run + "-pub-", publishers);
      out.printf("%s: %d publishers, %d subscribers connected to %s:%d%n", shape.id, publishers, subscribers,
          s.host, s.port);
      long stop = System.nanoTime() + TimeUnit.SECONDS.toNanos(s.warmup + s.duration);
      List<PublishLoop> loops = new ArrayList<>();
      for (int i = 0; i < publishers; i++) {
        String topic = topic(run, i);
        loops.add(new PublishLoop(pubs[i], i, seq -> topic, s, s.rate / publishers, stop, metrics,
            shape == Shape.FAN_IN));
      }
      Timeline timeline = new Timeline(metrics, NodeProbe.of(s.nodePid), out, s.warmup, s.duration, null).start();
      loops.forEach(PublishLoop::start);
      double kafkaRate = Double.NaN;
      if (kafka != null) {
        timeline.awaitWarmupEnd();
        long records = kafka.records();
        long from = System.nanoTime();
        timeline.awaitMeasuredEnd();
        kafkaRate = (kafka.records() - records) / ((System.nanoTime() - from) / 1e9);
      }
      timeline.awaitMeasuredEnd();
      boolean drained = drain(loops, receivers, s);
      timeline.close();
      RunResult r = result(s, metrics, timeline, loops, receivers, drained);
      if (kafka != null) {
        r.figure("records into " + s.messageTopic + " (measured)", String.format("%,.0f /s", kafkaRate));
        if (s.qos == 0) {
          r.throughput(kafkaRate, "msg/s into Kafka (QoS 0)");
        }
      }
      return r;
    }
  }

  private String topic(String run, int publisher) {
    return switch (shape) {
      case FAN_IN -> "bench/" + run + "/in/" + publisher;
      case D2D -> "bench/" + run + "/d2d/" + publisher;
      case FAN_OUT -> "bench/" + run + "/fan-out";
    };
  }

  private List<Receiver> subscribe(BenchClient[] subs, String run, int qos, Metrics metrics) throws Exception {
    List<Receiver> receivers = new ArrayList<>();
    List<Future<Void>> acks = new ArrayList<>();
    for (int i = 0; i < subs.length; i++) {
      Receiver receiver = new Receiver(metrics);
      receivers.add(receiver);
      BenchClient client = subs[i];
      String filter = topic(run, i);
      acks.add(Future.future(p -> client.context().runOnContext(v -> {
        client.listener(receiver);
        client.subscribe(filter, qos).onComplete(p);
      })));
    }
    Future.all(acks).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return receivers;
  }

  /** Waits, bounded by {@code --drain}, until every publish is acknowledged and delivered. */
  private boolean drain(List<PublishLoop> loops, List<Receiver> receivers, LoadSettings s)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(s.drain);
    while (System.nanoTime() < deadline) {
      if (complete(loops, receivers, s.qos)) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(DRAIN_POLL_MILLIS);
    }
    return complete(loops, receivers, s.qos);
  }

  private boolean complete(List<PublishLoop> loops, List<Receiver> receivers, int qos) {
    if (qos == 0) {
      return true; // nothing to wait for: QoS 0 is neither acknowledged nor guaranteed
    }
    for (PublishLoop loop : loops) {
      if (loop.acknowledged() < loop.published()) {
        return false;
      }
    }
    for (int i = 0; i < receivers.size(); i++) {
      if (receivers.get(i).distinct() < expected(loops, i)) {
        return false;
      }
    }
    return true;
  }

  /** Messages receiver {@code i} must get: what its publisher had acknowledged. */
  private long expected(List<PublishLoop> loops, int receiver) {
    PublishLoop source = shape == Shape.FAN_OUT ? loops.get(0) : loops.get(receiver);
    return source.acknowledged();
  }

  private RunResult result(LoadSettings s, Metrics metrics, Timeline timeline, List<PublishLoop> loops,
                           List<Receiver> receivers, boolean drained) {
    Metrics.Counts measured = timeline.measuredCounts();
    double secs = Math.max(1e-9, measured.seconds());
    RunResult r = new RunResult(shape.id, s.label, s.describe()).samples(timeline.samples());
    long published = loops.stream().mapToLong(PublishLoop::published).sum();
    long acked = loops.stream().mapToLong(PublishLoop::acknowledged).sum();
    r.figure("published", published);
    if (s.qos > 0) {
      r.figure("acknowledged", acked);
    }
    r.figure("publish rate (measured)", String.format("%,.0f msg/s", measured.sent() / secs));
    Histogram latency = timeline.latency();
    if (shape == Shape.FAN_IN) {
      if (s.qos > 0) {
        r.throughput(measured.acked() / secs, "msg/s acknowledged").latency(latency, "publish → PUBACK");
      } else {
        r.throughput(measured.sent() / secs, "msg/s written (QoS 0)");
      }
    } else {
      r.throughput(measured.received() / secs, "msg/s delivered").latency(latency, "publish → subscriber");
      countDeliveries(r, s, loops, receivers);
    }
    if (s.qos > 0 && acked < published) {
      r.fail((published - acked) + " publishes not acknowledged within the " + s.drain + " s drain");
    }
    if (!drained) {
      r.figure("drain", "timed out after " + s.drain + " s");
    }
    node(r, timeline);
    return r;
  }

  private void countDeliveries(RunResult r, LoadSettings s, List<PublishLoop> loops, List<Receiver> receivers) {
    long expected = 0;
    long distinct = 0;
    long duplicates = 0;
    long lost = 0;
    for (int i = 0; i < receivers.size(); i++) {
      Receiver receiver = receivers.get(i);
      long want = expected(loops, i);
      expected += want;
      distinct += receiver.distinct();
      duplicates += receiver.duplicates();
      lost += Math.max(0, want - receiver.distinct());
    }
    r.figure("expected deliveries", expected).figure("delivered (distinct)", distinct)
        .figure("duplicates", duplicates).figure("lost", lost);
    if (s.qos > 0 && lost > 0) {
      r.fail(lost + " acknowledged messages never reached their subscriber");
    }
  }

  static void node(RunResult r, Timeline timeline) {
    double cpu = timeline.measuredCpuPercent();
    if (!Double.isNaN(cpu)) {
      r.figure("node CPU (measured, % of one core)", String.format("%.0f %%", cpu));
      List<Timeline.Sample> samples = timeline.samples();
      long rss = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).rssKb();
      long peak = samples.stream().mapToLong(Timeline.Sample::rssKb).max().orElse(0);
      r.figure("node RSS at end / peak", String.format("%,d MB / %,d MB", rss / 1024, peak / 1024));
    }
  }
}
