package io.tributary.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The example of rules-dsl/README.md, compiled and run so it cannot rot. */
class ReadmeExampleTest {

  @Test
  void readmeExample() {
    CompiledRule rule = RuleSql.compile(
        "SELECT *, topic(2) AS deviceId, (temp - 32) * 5 / 9 AS celsius "
            + "FROM 'devices/+/telemetry' WHERE temp > 50",
        SqlVersion.V2016_03_23);
    Template topic = rule.template("alerts/${topic(2)}");

    MessageContext message = MessageContext
        .builder("devices/d42/telemetry", "{\"temp\":212}".getBytes(StandardCharsets.UTF_8))
        .clientId("d42")
        .build();

    Optional<RuleOutput> out = rule.evaluate(message);
    assertThat(rule.topicFilter()).contains("devices/+/telemetry");
    assertThat(out.orElseThrow().text()).isEqualTo("{\"temp\":212,\"deviceId\":\"d42\",\"celsius\":100}");
    assertThat(topic.render(message, out.get())).isEqualTo("alerts/d42");
  }
}
