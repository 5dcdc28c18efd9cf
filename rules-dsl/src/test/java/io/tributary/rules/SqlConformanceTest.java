package io.tributary.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays every case of {@code src/test/resources/sql-cases/*.json}; see {@link SqlCase}. */
class SqlConformanceTest {

  static Stream<SqlCase> cases() throws IOException, URISyntaxException {
    return CaseFiles.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void replay(SqlCase c) {
    JsonNode n = c.node();
    if (n.has("error")) {
      assertError(c, n.get("error"));
      return;
    }
    CompiledRule rule = RuleSql.compile(c.sql(), c.version(), TestLookups.fixed());
    if (n.has("topicFilter")) {
      assertThat(rule.topicFilter()).contains(n.get("topicFilter").asText());
    }
    MessageContext message = c.message();
    Optional<RuleOutput> out = rule.evaluate(message);
    if (n.has("template")) {
      Template t = rule.template(n.get("template").asText());
      String rendered = out.isPresent() ? t.render(message, out.get()) : t.render(message);
      assertThat(rendered).isEqualTo(n.get("rendered").asText());
      return;
    }
    if (n.path("noOutput").asBoolean(false)) {
      assertThat(out).as("no output expected").isEmpty();
      return;
    }
    assertThat(out).as("an output is expected").isPresent();
    String text = out.get().text();
    if (n.has("expectedBase64")) {
      assertThat(out.get().isJson()).isFalse();
      assertThat(java.util.Base64.getEncoder().encodeToString(out.get().bytes()))
          .isEqualTo(n.get("expectedBase64").asText());
    } else if (n.has("expectedText")) {
      assertThat(text).isEqualTo(n.get("expectedText").asText());
    } else if (n.has("expected")) {
      assertThat(text).isEqualTo(CaseFiles.text(n.get("expected")));
    } else if (n.has("result")) {
      assertThat(text).isEqualTo("{\"r\":" + CaseFiles.text(n.get("result")) + "}");
    } else if (n.path("undefined").asBoolean(false)) {
      assertThat(text).isEqualTo("{}");
    } else if (n.has("matches")) {
      assertMatches(out.get(), n.get("matches"));
    } else {
      throw new AssertionError("case has no expectation: " + c);
    }
  }

  private static void assertError(SqlCase c, JsonNode e) {
    assertThatThrownBy(() -> {
      CompiledRule rule = RuleSql.compile(c.sql(), c.version(), TestLookups.none(c));
      if (c.node().has("template")) {
        rule.template(c.node().get("template").asText());
      }
    })
        .isInstanceOfSatisfying(SqlParseException.class, ex -> {
          assertThat(ex.line()).as("line of " + ex.getMessage()).isEqualTo(e.get("line").asInt());
          assertThat(ex.column()).as("column of " + ex.getMessage()).isEqualTo(e.get("column").asInt());
          assertThat(ex.token()).as("token of " + ex.getMessage()).isEqualTo(e.get("token").asText());
          assertThat(ex.getMessage()).startsWith("Line " + ex.line() + ":" + ex.column() + ": ")
              .contains(e.get("contains").asText());
        });
  }

  private static void assertMatches(RuleOutput out, JsonNode patterns) {
    JsonNode json = out.json().orElseThrow();
    for (Iterator<Map.Entry<String, JsonNode>> it = patterns.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      JsonNode v = json.get(p.getKey());
      assertThat(v).as("key " + p.getKey() + " in " + out).isNotNull();
      String s = v.isTextual() ? v.textValue() : v.toString();
      assertThat(s).as(p.getKey()).matches(p.getValue().asText());
    }
  }
}
