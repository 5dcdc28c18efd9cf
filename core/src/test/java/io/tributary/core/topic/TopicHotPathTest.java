package io.tributary.core.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** Properties of validation and matching that the per-message hot path relies on. */
class TopicHotPathTest {

  @Test
  void validatingAndMatchingSingleTopicsAllocatesNothing() {
    String[] names = {"devices/d7/telemetry", "$aws/rules/r1/a/b", "sensör/ü/😀", "a/+"};
    long[] outcomes = {0};
    Runnable work = () -> {
      for (String name : names) {
        if (Topics.validateName(name, TopicLimits.awsDefaults()) == null) {
          outcomes[0]++;
        }
        if (Topics.validateFilter("$share/g/" + "devices/+/telemetry", TopicLimits.awsDefaults())
            == null) {
          outcomes[0]++;
        }
        if (Topics.matches("devices/+/#", name, MatchMode.AWS_STRICT)) {
          outcomes[0]++;
        }
      }
    };
    for (int i = 0; i < 20_000; i++) {
      work.run();
    }
    long allocated = allocatedBy(() -> {
      for (int i = 0; i < 100_000; i++) {
        work.run();
      }
    });
    assertThat(outcomes[0]).isPositive();
    assertThat(allocated).as("bytes allocated by 100,000 rounds").isLessThan(4_096);
  }

  @Test
  void matchingAllocatesNothing() {
    SubscriptionTrie<String> trie = new SubscriptionTrie<>(MatchMode.MQTT);
    for (int i = 0; i < 1_000; i++) {
      trie.add("devices/d" + i + "/telemetry/#", "c" + i);
      trie.add("devices/+/telemetry/t" + i, "c" + i);
    }
    trie.add("#", "all");
    trie.add("devices/+/+/+", "deep");
    String[] topics = {"devices/d7/telemetry/t7", "devices/d999/telemetry", "other", "$aws/x/y"};
    long[] visits = {0};
    BiConsumer<String, String> visitor = (filter, value) -> visits[0]++;

    for (int i = 0; i < 20_000; i++) {
      trie.forEachMatch(topics[i & 3], visitor);
    }
    long allocated = allocatedBy(() -> {
      for (int i = 0; i < 100_000; i++) {
        trie.forEachMatch(topics[i & 3], visitor);
      }
    });

    assertThat(visits[0]).isPositive();
    assertThat(allocated).as("bytes allocated by 100,000 matches").isLessThan(4_096);
  }

  @Test
  void deepFiltersDoNotOverflowTheStack() {
    int levels = 30_000;
    String filter = "+/".repeat(levels - 1) + "#";
    String topic = "a/".repeat(levels) + "b";
    assertThat(Topics.validateFilter(filter, TopicLimits.unlimited())).isNull();
    SubscriptionTrie<String> trie = new SubscriptionTrie<>(MatchMode.AWS_STRICT);
    trie.add(filter, "deep");
    List<String> seen = new ArrayList<>();
    trie.forEachMatch(topic, (f, v) -> seen.add(v));
    assertThat(seen).containsExactly("deep");
    assertThat(trie.remove(filter, "deep")).isTrue();
    assertThat(trie.nodeCount()).isZero();
  }

  @Test
  void aVisitorMayRunAnotherMatch() {
    SubscriptionTrie<String> trie = new SubscriptionTrie<>(MatchMode.MQTT);
    trie.add("a/+", "outer");
    trie.add("a/#", "outer2");
    trie.add("reply/+", "inner");
    List<String> seen = new ArrayList<>();
    trie.forEachMatch("a/b", (f, v) -> {
      seen.add(v);
      trie.forEachMatch("reply/" + v, (f2, v2) -> seen.add(v + ">" + v2));
    });
    assertThat(seen)
        .containsExactlyInAnyOrder("outer", "outer>inner", "outer2", "outer2>inner");
  }

  private static long allocatedBy(Runnable work) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    work.run();
    return threads.getThreadAllocatedBytes(thread) - before;
  }
}
