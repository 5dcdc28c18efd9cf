package io.tributary.bench.jmh;

import io.tributary.core.topic.MatchMode;
import io.tributary.core.topic.SubscriptionTrie;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Matching a published device topic against the node's subscription trie, as the feed thread does
 * for every message. Subscriptions model a fleet: 80 % exact device topics
 * ({@code dt/{fleet}/{device}/telemetry}), 15 % single-level wildcards
 * ({@code dt/{fleet}/+/telemetry}, {@code dt/{fleet}/{device}/+}) and 5 % multi-level ones
 * ({@code dt/{fleet}/#}, {@code cmd/{fleet}/{device}/#}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TopicMatchBenchmark {

  private static final int FLEETS = 100;
  private static final int TOPICS = 4096;

  @Param({"10000", "100000"})
  public int subscriptions;

  private SubscriptionTrie<Integer> trie;
  private String[] topics;
  private int next;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    int devicesPerFleet = Math.max(1, subscriptions / FLEETS);
    trie = new SubscriptionTrie<>(MatchMode.MQTT);
    for (int i = 0; i < subscriptions; i++) {
      int fleet = random.nextInt(FLEETS);
      int device = random.nextInt(devicesPerFleet);
      trie.add(filter(random.nextInt(100), fleet, device), i);
    }
    topics = new String[TOPICS];
    for (int i = 0; i < TOPICS; i++) {
      String kind = random.nextInt(10) == 0 ? "status" : "telemetry";
      topics[i] = "dt/fleet-" + random.nextInt(FLEETS) + "/device-" + random.nextInt(devicesPerFleet) + "/" + kind;
    }
  }

  private static String filter(int dice, int fleet, int device) {
    String f = "fleet-" + fleet;
    String d = "device-" + device;
    if (dice < 80) {
      return "dt/" + f + "/" + d + "/telemetry";
    }
    if (dice < 88) {
      return "dt/" + f + "/+/telemetry";
    }
    if (dice < 95) {
      return "dt/" + f + "/" + d + "/+";
    }
    if (dice < 98) {
      return "dt/" + f + "/#";
    }
    return "cmd/" + f + "/" + d + "/#";
  }

  @Benchmark
  public void match(Blackhole bh) {
    String topic = topics[next++ & (TOPICS - 1)];
    trie.forEachMatch(topic, (filter, value) -> bh.consume(value));
  }
}
