package io.tributary.core.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The small helpers around validation and matching; the rules themselves are in topic-cases/. */
class TopicsTest {

  @Test
  void reservedAndWildcard() {
    assertThat(Topics.isReserved("$aws/things/t1/shadow/update")).isTrue();
    assertThat(Topics.isReserved("$share/g/a")).isTrue();
    assertThat(Topics.isReserved("a/$b")).isFalse();
    assertThat(Topics.isReserved("")).isFalse();
    assertThat(Topics.isWildcard("a/+/b")).isTrue();
    assertThat(Topics.isWildcard("#")).isTrue();
    assertThat(Topics.isWildcard("a/b")).isFalse();
  }

  @Test
  void basicIngestRule() {
    assertThat(Topics.basicIngestRule("$aws/rules/r1/a/b")).isEqualTo("r1");
    assertThat(Topics.basicIngestRule("$aws/rules/r1")).isEqualTo("r1");
    assertThat(Topics.basicIngestRule("$aws/things/t1/shadow/update")).isNull();
    assertThat(Topics.basicIngestRule("a/rules/r1")).isNull();
  }

  @Test
  void errorsMapToMqtt5ReasonCodes() {
    for (TopicError error : TopicError.values()) {
      assertThat(error.reasonCode(false)).isEqualTo(0x90);
      assertThat(error.reasonCode(true)).isEqualTo(0x8F);
      assertThat(error.message()).isNotBlank();
    }
  }

  @Test
  void limits() {
    assertThat(TopicLimits.awsDefaults()).isEqualTo(new TopicLimits(256, 8, 128));
    assertThat(TopicLimits.unlimited().maxTopicBytes()).isEqualTo(65_535);
    assertThatThrownBy(() -> new TopicLimits(0, 8, 128))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sharedFilterRefusesMalformedInput() {
    assertThatThrownBy(() -> SharedFilter.parse("$share/g"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SharedFilter.parse("$share//a"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SharedFilter.parse("$share/g/"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SharedFilter("g+", "a"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
