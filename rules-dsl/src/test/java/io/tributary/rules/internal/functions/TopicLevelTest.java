package io.tributary.rules.internal.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** topic(n)'s level scan agrees with splitting the topic on '/' (empty levels kept). */
class TopicLevelTest {

  @Test
  void levelsAreThoseOfSplit() {
    for (String topic : new String[] {"", "a", "/", "a/b", "/a/", "a//b", "dt/fleet-17/device-004711/telemetry",
        "a/b/", "//", "$aws/things/x/shadow/update"}) {
      String[] levels = topic.split("/", -1);
      for (int n = 1; n <= levels.length + 2; n++) {
        assertThat(ContextFunctions.level(topic, n)).as("%s #%d", topic, n)
            .isEqualTo(n <= levels.length ? levels[n - 1] : null);
      }
    }
  }
}
