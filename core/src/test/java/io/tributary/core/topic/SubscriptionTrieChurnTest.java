package io.tributary.core.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subscribe/unsubscribe churn must leave no nodes behind: removal prunes what leads nowhere. */
class SubscriptionTrieChurnTest {

  private static final int CYCLES = 100_000;

  @Test
  void churnOfClientSubscriptionsReturnsToTheBaseline() {
    SubscriptionTrie<String> trie = new SubscriptionTrie<>(MatchMode.MQTT);
    trie.add("$aws/events/presence/+/+", "monitor");
    trie.add("sensors/#", "archiver");
    trie.add("devices/+/telemetry", "rules");
    int baselineNodes = trie.nodeCount();

    for (int i = 0; i < CYCLES; i++) {
      String client = "client-" + i;
      List<String> filters = List.of(
          "devices/" + client + "/cmd/#",
          "$aws/things/" + client + "/shadow/update/delta",
          "$aws/things/" + client + "/shadow/get/+",
          "sensors/" + client + "/+/config",
          "devices/+/telemetry");
      for (String filter : filters) {
        assertThat(trie.add(filter, client)).isTrue();
      }
      if (i % 10_000 == 0) {
        List<String> seen = new ArrayList<>();
        trie.forEachMatch("devices/" + client + "/telemetry", (f, v) -> seen.add(v));
        assertThat(seen).containsExactlyInAnyOrder("rules", client);
      }
      for (String filter : filters) {
        assertThat(trie.remove(filter, client)).isTrue();
      }
    }

    assertThat(trie.size()).isEqualTo(3);
    assertThat(trie.nodeCount()).isEqualTo(baselineNodes);
  }

  @Test
  void manySimultaneousSubscriptionsAreAllPruned() {
    SubscriptionTrie<Integer> trie = new SubscriptionTrie<>(MatchMode.AWS_STRICT);
    for (int i = 0; i < CYCLES; i++) {
      trie.add("clients/" + i + "/inbox/#", i);
    }
    assertThat(trie.size()).isEqualTo(CYCLES);
    List<Integer> seen = new ArrayList<>();
    trie.forEachMatch("clients/4242/inbox/x", (f, v) -> seen.add(v));
    assertThat(seen).containsExactly(4242);
    for (int i = CYCLES - 1; i >= 0; i--) {
      assertThat(trie.remove("clients/" + i + "/inbox/#", i)).isTrue();
    }
    assertThat(trie.isEmpty()).isTrue();
    assertThat(trie.nodeCount()).isZero();
  }
}
