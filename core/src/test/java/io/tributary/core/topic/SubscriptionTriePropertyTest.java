package io.tributary.core.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SubscriptionTrie#forEachMatch} must find exactly the pairs that {@link Topics#matches}
 * accepts, for thousands of random filters and topics over a small alphabet (so that collisions,
 * empty levels, {@code '$'} first levels and parent matches of {@code '#'} are frequent), before
 * and after random removals.
 */
class SubscriptionTriePropertyTest {

  private static final String[] TOPIC_LEVELS = {"a", "b", "", "$x", "ab", "é"};
  private static final int FILTERS = 3_000;
  private static final int TOPICS = 3_000;

  @ParameterizedTest
  @EnumSource(MatchMode.class)
  void trieAgreesWithMatches(MatchMode mode) {
    Random random = new Random(20240611L + mode.ordinal());
    SubscriptionTrie<Integer> trie = new SubscriptionTrie<>(mode);
    Map<String, List<Integer>> subscriptions = new HashMap<>();
    for (int i = 0; i < FILTERS; i++) {
      String filter = randomFilter(random);
      Integer value = random.nextInt(50);
      boolean added = trie.add(filter, value);
      List<Integer> values = subscriptions.computeIfAbsent(filter, f -> new ArrayList<>());
      assertThat(added).isEqualTo(!values.contains(value));
      if (added) {
        values.add(value);
      }
    }
    assertThat(trie.size()).isEqualTo(pairCount(subscriptions));
    assertAgreement(random, trie, subscriptions, mode);

    List<String> filters = new ArrayList<>(subscriptions.keySet());
    for (String filter : filters) {
      List<Integer> values = subscriptions.get(filter);
      for (Integer value : List.copyOf(values)) {
        if (random.nextBoolean()) {
          assertThat(trie.remove(filter, value)).isTrue();
          values.remove(value);
        }
      }
      if (values.isEmpty()) {
        subscriptions.remove(filter);
      }
    }
    assertThat(trie.size()).isEqualTo(pairCount(subscriptions));
    assertAgreement(random, trie, subscriptions, mode);
  }

  private static void assertAgreement(
      Random random,
      SubscriptionTrie<Integer> trie,
      Map<String, List<Integer>> subscriptions,
      MatchMode mode) {
    int matched = 0;
    for (int i = 0; i < TOPICS; i++) {
      String topic = randomTopic(random);
      List<String> expected = new ArrayList<>();
      subscriptions.forEach((filter, values) -> {
        if (Topics.matches(filter, topic, mode)) {
          values.forEach(v -> expected.add(filter + " -> " + v));
        }
      });
      List<String> actual = new ArrayList<>();
      trie.forEachMatch(topic, (filter, value) -> actual.add(filter + " -> " + value));
      assertThat(actual).as("topic '%s'", topic).containsExactlyInAnyOrderElementsOf(expected);
      matched += expected.size();
    }
    assertThat(matched).as("the random cases must actually match").isGreaterThan(TOPICS);
  }

  private static int pairCount(Map<String, List<Integer>> subscriptions) {
    return subscriptions.values().stream().mapToInt(List::size).sum();
  }

  private static String randomTopic(Random random) {
    int levels = 1 + random.nextInt(5);
    StringBuilder topic = new StringBuilder();
    for (int i = 0; i < levels; i++) {
      if (i > 0) {
        topic.append('/');
      }
      topic.append(TOPIC_LEVELS[random.nextInt(TOPIC_LEVELS.length)]);
    }
    return topic.isEmpty() ? "a" : topic.toString();
  }

  private static String randomFilter(Random random) {
    int levels = 1 + random.nextInt(5);
    StringBuilder filter = new StringBuilder();
    for (int i = 0; i < levels; i++) {
      if (i > 0) {
        filter.append('/');
      }
      int pick = random.nextInt(TOPIC_LEVELS.length + 3);
      if (pick == TOPIC_LEVELS.length + 2 && i == levels - 1) {
        filter.append('#');
      } else if (pick >= TOPIC_LEVELS.length) {
        filter.append('+');
      } else {
        filter.append(TOPIC_LEVELS[pick]);
      }
    }
    return filter.isEmpty() ? "a" : filter.toString();
  }
}
