package io.tributary.core.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionTrieTest {

  private final SubscriptionTrie<String> trie = new SubscriptionTrie<>(MatchMode.MQTT);

  private List<String> matches(SubscriptionTrie<String> t, String topic) {
    List<String> seen = new ArrayList<>();
    t.forEachMatch(topic, (filter, value) -> seen.add(filter + "=" + value));
    return seen;
  }

  @Test
  void addIsIdempotentPerFilterAndValue() {
    assertThat(trie.isEmpty()).isTrue();
    assertThat(trie.add("a/+", "c1")).isTrue();
    assertThat(trie.add("a/+", "c1")).isFalse();
    assertThat(trie.add("a/+", new String("c1"))).as("values compared by equals").isFalse();
    assertThat(trie.add("a/+", "c2")).isTrue();
    assertThat(trie.add("a/#", "c1")).isTrue();
    assertThat(trie.size()).isEqualTo(3);
    assertThat(matches(trie, "a/b")).containsExactlyInAnyOrder("a/+=c1", "a/+=c2", "a/#=c1");
  }

  @Test
  void removeOnlyRemovesThePair() {
    trie.add("a/+", "c1");
    trie.add("a/+", "c2");
    assertThat(trie.remove("a/+", "c3")).isFalse();
    assertThat(trie.remove("a/b", "c1")).isFalse();
    assertThat(trie.remove("a/#", "c1")).isFalse();
    assertThat(trie.remove("x/y/z", "c1")).isFalse();
    assertThat(trie.remove("a/+", "c1")).isTrue();
    assertThat(trie.remove("a/+", "c1")).isFalse();
    assertThat(trie.size()).isEqualTo(1);
    assertThat(trie.contains("a/+", "c1")).isFalse();
    assertThat(trie.contains("a/+", "c2")).isTrue();
    assertThat(trie.contains("a/#", "c2")).isFalse();
    assertThat(matches(trie, "a/b")).containsExactly("a/+=c2");
  }

  @Test
  void hashMatchesItsParentOnceInMqttModeAndNotInAwsStrict() {
    SubscriptionTrie<String> strict = new SubscriptionTrie<>(MatchMode.AWS_STRICT);
    for (SubscriptionTrie<String> t : List.of(trie, strict)) {
      t.add("a/#", "c1");
      t.add("a", "c2");
    }
    assertThat(matches(trie, "a")).containsExactlyInAnyOrder("a/#=c1", "a=c2");
    assertThat(matches(strict, "a")).containsExactly("a=c2");
    assertThat(matches(trie, "a/")).containsExactly("a/#=c1");
    assertThat(matches(strict, "a/")).containsExactly("a/#=c1");
  }

  @Test
  void wildcardsAtTheFirstLevelSkipReservedTopics() {
    trie.add("#", "all");
    trie.add("+/things/+/shadow/update", "plus");
    trie.add("$aws/things/+/shadow/#", "shadow");
    assertThat(matches(trie, "$aws/things/t1/shadow/update"))
        .containsExactly("$aws/things/+/shadow/#=shadow");
    assertThat(matches(trie, "aws/things/t1/shadow/update"))
        .containsExactlyInAnyOrder("#=all", "+/things/+/shadow/update=plus");
  }

  @Test
  void manyValuesUnderOneFilterUseTheIndexAndShrinkBack() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(trie.add("broadcast/#", "c" + i)).isTrue();
    }
    assertThat(trie.add("broadcast/#", "c500")).isFalse();
    assertThat(matches(trie, "broadcast/x")).hasSize(1_000);
    for (int i = 0; i < 1_000; i += 2) {
      assertThat(trie.remove("broadcast/#", "c" + i)).isTrue();
    }
    assertThat(trie.remove("broadcast/#", "c0")).isFalse();
    assertThat(trie.size()).isEqualTo(500);
    assertThat(matches(trie, "broadcast/x")).hasSize(500).contains("broadcast/#=c999");
    for (int i = 1; i < 1_000; i += 2) {
      assertThat(trie.remove("broadcast/#", "c" + i)).isTrue();
    }
    assertThat(trie.isEmpty()).isTrue();
    assertThat(trie.nodeCount()).isZero();
  }

  @Test
  void visitorReceivesTheFilterAsSubscribed() {
    trie.add("$aws/things/t1/shadow/get/+", "sdk");
    trie.add("sport/tennis/player1/#", "fan");
    assertThat(matches(trie, "$aws/things/t1/shadow/get/accepted"))
        .containsExactly("$aws/things/t1/shadow/get/+=sdk");
    assertThat(matches(trie, "sport/tennis/player1")).containsExactly("sport/tennis/player1/#=fan");
    assertThat(matches(trie, "sport/tennis")).isEmpty();
  }

  @Test
  void refusesInvalidAndSharedFilters() {
    assertThatThrownBy(() -> trie.add("a/#/b", "c")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> trie.add("", "c")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> trie.add("$share/g/a", "c"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> trie.add("a", null)).isInstanceOf(NullPointerException.class);
    assertThat(trie.isEmpty()).isTrue();
    assertThat(trie.remove("a", null)).isFalse();
  }

  @Test
  void anEmptyTrieMatchesNothing() {
    assertThat(matches(trie, "a")).isEmpty();
    trie.add("a", "c");
    trie.remove("a", "c");
    assertThat(matches(trie, "a")).isEmpty();
    assertThat(trie.nodeCount()).isZero();
  }
}
