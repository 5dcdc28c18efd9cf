package io.tributary.core.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays {@code topic-cases/validation.json}: names and filters of MQTT 5 §4.7, §4.8 and the AWS
 * IoT limits of the dataplane reference §2.7–2.8.
 *
 * <p>A case's text is {@code prefix + input × repeat + suffix}, so long inputs stay readable.
 */
class ValidationConformanceTest {

  record ValidationCase(
      String kind,
      String input,
      Integer repeat,
      String prefix,
      String suffix,
      String limits,
      TopicError error,
      String source) {

    String text() {
      String body = repeat == null ? input : input.repeat(repeat);
      return (prefix == null ? "" : prefix) + body + (suffix == null ? "" : suffix);
    }

    TopicLimits topicLimits() {
      return switch (limits) {
        case "aws" -> TopicLimits.awsDefaults();
        case "unlimited" -> TopicLimits.unlimited();
        default -> throw new IllegalArgumentException("unknown limits " + limits);
      };
    }

    @Override
    public String toString() {
      String shown = repeat == null ? input : input + " x" + repeat;
      shown = (prefix == null ? "" : prefix) + shown + (suffix == null ? "" : suffix);
      return kind + " '" + shown.replace("\u0000", "\\u0000") + "' " + limits + " -> " + error
          + " (" + source + ")";
    }
  }

  static List<ValidationCase> cases() {
    return TopicCases.load("validation.json", ValidationCase.class);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void validatesAsSpecified(ValidationCase c) {
    TopicError actual =
        switch (c.kind()) {
          case "name" -> Topics.validateName(c.text(), c.topicLimits());
          case "filter" -> Topics.validateFilter(c.text(), c.topicLimits());
          default -> throw new IllegalArgumentException("unknown kind " + c.kind());
        };
    assertThat(actual).isEqualTo(c.error());
  }
}
