package io.tributary.core.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays {@code topic-cases/mqtt5-4.8-shared.json}: shared subscriptions are split into group and
 * filter, and the filter alone is matched (MQTT 5 §4.8.2).
 */
class SharedFilterConformanceTest {

  record SharedCase(
      String input, String group, String filter, String topic, Boolean matches, String source) {
    @Override
    public String toString() {
      return "'" + input + "' (" + source + ")";
    }
  }

  static List<SharedCase> cases() {
    return TopicCases.load("mqtt5-4.8-shared.json", SharedCase.class);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void splitsAndMatchesAsSpecified(SharedCase c) {
    SharedFilter parsed = SharedFilter.parse(c.input());
    if (c.group() == null) {
      assertThat(parsed).isNull();
      return;
    }
    assertThat(Topics.validateFilter(c.input(), TopicLimits.awsDefaults())).isNull();
    assertThat(parsed).isEqualTo(new SharedFilter(c.group(), c.filter()));
    assertThat(parsed.text()).isEqualTo(c.input());
    for (MatchMode mode : MatchMode.values()) {
      assertThat(Topics.matches(parsed.filter(), c.topic(), mode)).as(mode.name())
          .isEqualTo(c.matches());
    }
  }
}
