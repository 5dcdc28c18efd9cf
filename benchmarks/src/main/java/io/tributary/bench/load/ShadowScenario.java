package io.tributary.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code shadow}: each connection updates the classic shadows of its own things in turn on
 * {@code $aws/things/{thing}/shadow/update}, subscribed to their {@code update/accepted} and
 * {@code update/rejected}; the client token carries the send time, so update → accepted latency is
 * measured. Open loop (default: 10 updates/s per thing, half AWS's per-thing limit). Skipped, not
 * failed, when no shadow service answers a first probe update.
 */
final class ShadowScenario {

  static final double DEFAULT_UPDATES_PER_THING = 10;
  private static final int FILTERS_PER_SUBSCRIBE = 8;
  private static final int PROBE_SECONDS = 5;

  RunResult run(Vertx vertx, LoadSettings s, PrintStream out) throws Exception {
    String run = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    int things = Math.max(1, Math.min(25, s.thingsPerConnection));
    double rate = s.rate > 0 ? s.rate : DEFAULT_UPDATES_PER_THING * things * s.connections;
    Metrics metrics = new Metrics();
    try (Fleet fleet = new Fleet(vertx, s)) {
      BenchClient[] clients = fleet.connectAll("bench-" + run + "-shadow-", s.connections);
      List<ShadowReceiver> receivers = new ArrayList<>();
      for (int c = 0; c < clients.length; c++) {
        receivers.add(subscribe(clients[c], thingNames(run, c, things), metrics));
      }
      if (!probe(clients[0], receivers.get(0), thingNames(run, 0, things)[0])) {
        return RunResult.skipped("shadow", s, "no answer on $aws/things/{thing}/shadow/update/accepted or /rejected "
            + "within " + PROBE_SECONDS + " s: this node runs no shadow service");
      }
      metrics.received.reset();
      metrics.rejected.reset();
      long stop = System.nanoTime() + TimeUnit.SECONDS.toNanos(s.warmup + s.duration);
      LoadSettings paced = s.copy();
      paced.rate = rate;
      List<PublishLoop> loops = new ArrayList<>();
      for (int c = 0; c < clients.length; c++) {
        String[] names = thingNames(run, c, things);
        loops.add(new PublishLoop(clients[c], c, seq -> "$aws/things/" + names[(int) (seq % names.length)]
            + "/shadow/update", paced, rate / clients.length, stop, metrics, false).payloads(ShadowScenario::update));
      }
      out.printf("shadow: %d connections x %d things, %.0f updates/s%n", s.connections, things, rate);
      Timeline timeline = new Timeline(metrics, NodeProbe.of(s.nodePid), out, s.warmup, s.duration, null).start();
      loops.forEach(PublishLoop::start);
      timeline.awaitMeasuredEnd();
      long published = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(s.drain);
      while (System.nanoTime() < deadline) {
        published = loops.stream().mapToLong(PublishLoop::published).sum();
        if (metrics.received.sum() + metrics.rejected.sum() >= published) {
          break;
        }
        TimeUnit.MILLISECONDS.sleep(50);
      }
      timeline.close();
      Metrics.Counts measured = timeline.measuredCounts();
      double secs = Math.max(1e-9, measured.seconds());
      LoadSettings described = paced.copy();
      RunResult r = new RunResult("shadow", s.label, described.describe()).samples(timeline.samples())
          .throughput(measured.received() / secs, "updates/s accepted")
          .latency(timeline.latency(), "update → accepted");
      long answered = metrics.received.sum() + metrics.rejected.sum();
      r.figure("updates offered per second", Math.round(rate)).figure("updates published", published)
          .figure("accepted", metrics.received.sum())
          .figure("rejected", metrics.rejected.sum()).figure("unanswered", Math.max(0, published - answered));
      if (answered < published) {
        r.fail((published - answered) + " of " + published + " updates got no answer within the " + s.drain
            + " s drain");
      }
      MessageScenario.node(r, timeline);
      return r;
    }
  }

  private static String[] thingNames(String run, int connection, int things) {
    String[] names = new String[things];
    for (int t = 0; t < things; t++) {
      names[t] = "bench-" + run + "-" + connection + "-" + t;
    }
    return names;
  }

  private static ByteBuf update(long stampNanos, int publisher, long sequence) {
    String json = "{\"state\":{\"reported\":{\"seq\":" + sequence + ",\"temperature\":" + (20 + sequence % 10)
        + ",\"publisher\":" + publisher + "}},\"clientToken\":\"" + stampNanos + "\"}";
    return Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8));
  }

  private static ShadowReceiver subscribe(BenchClient client, String[] things, Metrics metrics) throws Exception {
    ShadowReceiver receiver = new ShadowReceiver(metrics);
    List<String> filters = new ArrayList<>();
    for (String thing : things) {
      filters.add("$aws/things/" + thing + "/shadow/update/accepted");
      filters.add("$aws/things/" + thing + "/shadow/update/rejected");
    }
    Future<Void> done = Future.future(p -> client.context().runOnContext(v -> {
      client.listener(receiver);
      subscribeFrom(client, filters, 0, p);
    }));
    done.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return receiver;
  }

  private static void subscribeFrom(BenchClient client, List<String> filters, int from, Promise<Void> done) {
    if (from >= filters.size()) {
      done.complete();
      return;
    }
    int to = Math.min(filters.size(), from + FILTERS_PER_SUBSCRIBE);
    client.subscribe(filters.subList(from, to).toArray(String[]::new), 1)
        .onSuccess(v -> subscribeFrom(client, filters, to, done)).onFailure(done::fail);
  }

  private static boolean probe(BenchClient client, ShadowReceiver receiver, String thing) throws Exception {
    client.context().runOnContext(v -> client.publish("$aws/things/" + thing + "/shadow/update",
        "{\"state\":{\"reported\":{\"probe\":true}},\"clientToken\":\"probe\"}".getBytes(StandardCharsets.UTF_8)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROBE_SECONDS);
    while (System.nanoTime() < deadline) {
      if (receiver.answers() > 0) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return false;
  }

  /** Counts answers and times them from the client token, which holds the send time. */
  private static final class ShadowReceiver implements BenchClient.Listener {
    private static final byte[] TOKEN = "\"clientToken\":\"".getBytes(StandardCharsets.UTF_8);
    private final Metrics metrics;
    private volatile long answers;

    ShadowReceiver(Metrics metrics) {
      this.metrics = metrics;
    }

    long answers() {
      return answers;
    }

    @Override
    public void onMessage(String topic, ByteBuf payload) {
      answers++;
      if (topic.endsWith("/rejected")) {
        metrics.rejected.increment();
        return;
      }
      metrics.received.increment();
      long stamp = token(payload);
      if (stamp > 0) {
        metrics.latencyNanos(System.nanoTime() - stamp);
      }
    }

    /** The numeric client token, or -1 (the probe's token is not a number). */
    private static long token(ByteBuf payload) {
      byte[] bytes = new byte[payload.readableBytes()];
      payload.getBytes(payload.readerIndex(), bytes);
      outer:
      for (int i = 0; i + TOKEN.length < bytes.length; i++) {
        for (int j = 0; j < TOKEN.length; j++) {
          if (bytes[i + j] != TOKEN[j]) {
            continue outer;
          }
        }
        long value = 0;
        int k = i + TOKEN.length;
        if (k >= bytes.length || bytes[k] < '0' || bytes[k] > '9') {
          return -1;
        }
        while (k < bytes.length && bytes[k] >= '0' && bytes[k] <= '9') {
          value = value * 10 + (bytes[k++] - '0');
        }
        return value;
      }
      return -1;
    }
  }
}
