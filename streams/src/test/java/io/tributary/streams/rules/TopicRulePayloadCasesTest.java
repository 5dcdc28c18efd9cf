package io.tributary.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.connectors.Failure;
import io.tributary.connectors.Target;
import io.tributary.rules.MessageContext;
import io.tributary.rules.RuleOutput;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays {@code rule-cases/topic-rule-payloads.json}: a TopicRulePayload is either refused with
 * AWS's error type and message, or compiled and run on one message, giving the rendered targets
 * (or the failures of actions whose rendered values are unusable).
 */
class TopicRulePayloadCasesTest {
  private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  static Stream<Arguments> cases() throws Exception {
    try (InputStream in = TopicRulePayloadCasesTest.class.getResourceAsStream("/rule-cases/topic-rule-payloads.json")) {
      List<Arguments> out = new ArrayList<>();
      for (JsonNode c : JSON.readTree(in)) {
        out.add(Arguments.of(c.get("name").asText(), c));
      }
      return out.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void replay(String name, JsonNode c) throws Exception {
    String ruleName = c.path("ruleName").asText("r");
    if (c.has("error")) {
      JsonNode error = c.get("error");
      assertThatThrownBy(() -> RuleCompiler.check(TopicRule.fromPayload(ruleName, c.get("payload"), 0)))
          .isInstanceOfSatisfying(InvalidRuleException.class, e -> {
            assertThat(e.errorType()).isEqualTo(error.get("type").asText());
            if (error.has("message")) {
              assertThat(e.getMessage()).isEqualTo(error.get("message").asText());
            } else {
              assertThat(e.getMessage()).contains(error.get("contains").asText());
            }
          });
      return;
    }
    CompiledTopicRule rule = RuleCompiler.compile(TopicRule.fromPayload(ruleName, c.get("payload"), 0));
    JsonNode m = c.get("message");
    MessageContext message = MessageContext.builder(m.get("topic").asText(),
            JSON.writeValueAsBytes(m.get("payload"))).clientId(m.path("clientId").asText(null)).build();
    Optional<RuleOutput> output = rule.sql().evaluate(message);
    if (c.path("noOutput").asBoolean()) {
      assertThat(output).isEmpty();
      return;
    }
    List<Target> targets = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (CompiledAction action : rule.actions()) {
      try {
        targets.add(action.render(message, output.orElseThrow()));
      } catch (ActionException e) {
        failures.add(e.failure());
      }
    }
    assertThat(typed(targets)).isEqualTo(c.has("targets") ? c.get("targets") : JSON.createArrayNode());
    assertThat(JSON.<JsonNode>valueToTree(failures)).isEqualTo(c.has("failures") ? c.get("failures") : JSON.createArrayNode());
    if (c.has("errorTarget")) {
      assertThat(JSON.<JsonNode>valueToTree(rule.errorAction().render(message, output.get()))).isEqualTo(c.get("errorTarget"));
    }
  }

  private static JsonNode typed(List<Target> targets) throws Exception {
    var array = JSON.createArrayNode();
    for (Target t : targets) {
      array.add(JSON.readTree(JSON.writeValueAsString(t)));
    }
    return array;
  }
}
