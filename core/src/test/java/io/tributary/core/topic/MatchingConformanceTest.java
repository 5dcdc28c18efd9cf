package io.tributary.core.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays {@code topic-cases/mqtt5-4.7-matching.json}: MQTT 5 §4.7 examples and AWS IoT's
 * deviations, through both {@link Topics#matches} and {@link SubscriptionTrie}.
 */
class MatchingConformanceTest {

  record MatchCase(String filter, String topic, boolean mqtt, boolean awsStrict, String source) {
    @Override
    public String toString() {
      return "'" + filter + "' ~ '" + topic + "' (" + source + ")";
    }
  }

  static List<MatchCase> cases() {
    return TopicCases.load("mqtt5-4.7-matching.json", MatchCase.class);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesAsSpecified(MatchCase c) {
    assertThat(Topics.validateFilter(c.filter(), TopicLimits.unlimited())).isNull();
    assertThat(Topics.validateName(c.topic(), TopicLimits.unlimited())).isNull();

    assertThat(Topics.matches(c.filter(), c.topic(), MatchMode.MQTT)).as("MQTT").isEqualTo(c.mqtt());
    assertThat(Topics.matches(c.filter(), c.topic(), MatchMode.AWS_STRICT))
        .as("AWS_STRICT")
        .isEqualTo(c.awsStrict());
    assertThat(trieMatches(MatchMode.MQTT, c)).as("trie, MQTT").isEqualTo(c.mqtt());
    assertThat(trieMatches(MatchMode.AWS_STRICT, c)).as("trie, AWS_STRICT").isEqualTo(c.awsStrict());
  }

  private static boolean trieMatches(MatchMode mode, MatchCase c) {
    SubscriptionTrie<String> trie = new SubscriptionTrie<>(mode);
    trie.add(c.filter(), "subscriber");
    List<String> seen = new ArrayList<>();
    trie.forEachMatch(c.topic(), (filter, value) -> seen.add(filter + "=" + value));
    assertThat(seen).hasSizeLessThanOrEqualTo(1);
    seen.forEach(s -> assertThat(s).isEqualTo(c.filter() + "=subscriber"));
    return !seen.isEmpty();
  }
}
