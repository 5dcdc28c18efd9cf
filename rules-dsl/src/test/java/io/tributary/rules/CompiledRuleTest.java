package io.tributary.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The public API around evaluation: outputs, filters, clocks, thread-safety. */
class CompiledRuleTest {

  private static MessageContext message(String topic, String payload) {
    return MessageContext.builder(topic, payload.getBytes(StandardCharsets.UTF_8)).build();
  }

  @Test
  void exposesTheFromFilterForIndexing() {
    assertThat(RuleSql.compile("SELECT * FROM 'a/+/#'", SqlVersion.V2016_03_23).topicFilter())
        .contains("a/+/#");
    assertThat(RuleSql.compile("SELECT * WHERE true", SqlVersion.V2016_03_23).topicFilter())
        .isEmpty();
  }

  @Test
  void jsonOutputIsCompactAndAvailableAsATree() {
    CompiledRule rule = RuleSql.compile("SELECT b, a AS x.y FROM 't'", SqlVersion.V2016_03_23);
    RuleOutput out = rule.evaluate(message("t", "{\"a\": 1, \"b\": [true]}")).orElseThrow();
    assertThat(out.isJson()).isTrue();
    assertThat(out.text()).isEqualTo("{\"b\":[true],\"x\":{\"y\":1}}");
    assertThat(out.json().orElseThrow().at("/x/y").asInt()).isEqualTo(1);
  }

  @Test
  void binaryPayloadPassesThroughByteForByte() {
    byte[] payload = {0, 1, (byte) 0xfe, (byte) 0xff};
    CompiledRule rule = RuleSql.compile("SELECT * FROM 't'", SqlVersion.V2016_03_23);
    RuleOutput out = rule.evaluate(MessageContext.builder("t", payload).build()).orElseThrow();
    assertThat(out.isJson()).isFalse();
    assertThat(out.json()).isEmpty();
    assertThat(out.bytes()).containsExactly(payload);
  }

  @Test
  void whereThatIsNotTrueGivesNoOutput() {
    CompiledRule rule = RuleSql.compile("SELECT * FROM 't' WHERE a > 1", SqlVersion.V2016_03_23);
    assertThat(rule.evaluate(message("t", "{\"a\": 1}"))).isEmpty();
    assertThat(rule.evaluate(message("t", "{\"a\": 2}"))).isPresent();
  }

  @Test
  void timestampReadsTheInjectedClockOncePerMessage() {
    MutableClock clock = new MutableClock(1_000L);
    CompiledRule rule = RuleSql.compile("SELECT timestamp() AS ts FROM 't'", SqlVersion.V2016_03_23);
    MessageContext first = MessageContext.builder("t", new byte[0]).clock(clock).build();
    assertThat(rule.evaluate(first).orElseThrow().text()).isEqualTo("{\"ts\":1000}");
    clock.advance(500);
    assertThat(rule.evaluate(first).orElseThrow().text())
        .as("same message, same timestamp for every rule").isEqualTo("{\"ts\":1000}");
    MessageContext second = MessageContext.builder("t", new byte[0]).clock(clock).build();
    assertThat(rule.evaluate(second).orElseThrow().text()).isEqualTo("{\"ts\":1500}");
  }

  @Test
  void manyRulesShareOneMessage() {
    MessageContext m = message("sensors/s1", "{\"t\": 30, \"h\": 40.0}");
    List<String> outputs = new ArrayList<>();
    for (String sql : List.of("SELECT t FROM 'sensors/+'", "SELECT h FROM 'sensors/+'")) {
      outputs.add(RuleSql.compile(sql, SqlVersion.V2016_03_23).evaluate(m).orElseThrow().text());
    }
    outputs.add(RuleSql.compile("SELECT h FROM 'sensors/+'", SqlVersion.V2015_10_08)
        .evaluate(m).orElseThrow().text());
    assertThat(outputs).containsExactly("{\"t\":30}", "{\"h\":40}", "{\"h\":40.0}");
  }

  @Test
  void evaluationIsThreadSafe() throws Exception {
    CompiledRule rule = RuleSql.compile(
        "SELECT (SELECT VALUE v * 2 FROM e WHERE v > 1) AS d, upper(n) AS n FROM 't'",
        SqlVersion.V2016_03_23);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Optional<RuleOutput>>> results = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String payload = "{\"n\":\"x" + i + "\",\"e\":[{\"v\":1},{\"v\":" + i + "}]}";
        results.add(pool.submit(() -> rule.evaluate(message("t", payload))));
      }
      for (int i = 0; i < results.size(); i++) {
        String d = i > 1 ? "[" + (2 * i) + "]" : "[]";
        assertThat(results.get(i).get(10, TimeUnit.SECONDS).orElseThrow().text())
            .isEqualTo("{\"d\":" + d + ",\"n\":\"X" + i + "\"}");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void templatesRenderOutsideARule() {
    Template t = Template.compile("alerts/${topic(2)}/${upper(level)}", SqlVersion.V2016_03_23);
    assertThat(t.isConstant()).isFalse();
    assertThat(t.render(message("dev/d9", "{\"level\":\"high\"}"))).isEqualTo("alerts/d9/HIGH");
    assertThat(Template.compile("fixed", SqlVersion.V2015_10_08).isConstant()).isTrue();
  }

  @Test
  void ruleTemplatesReuseTheSetVariablesOfTheOutput() {
    CompiledRule rule = RuleSql.compile("SET @id = newuuid() SELECT @id AS id FROM 't'",
        SqlVersion.V2016_03_23);
    MessageContext m = message("t", "{}");
    RuleOutput out = rule.evaluate(m).orElseThrow();
    String id = out.json().orElseThrow().get("id").asText();
    assertThat(rule.template("${@id}").render(m, out)).isEqualTo(id);
  }

  @Test
  void lookupsAreBoundAtCompileTime() {
    String sql = "SELECT get_thing_shadow('pump-1', 'arn:role').state.reported.temp AS t FROM 't'";
    assertThatThrownBy(() -> RuleSql.compile(sql, SqlVersion.V2016_03_23))
        .isInstanceOf(SqlParseException.class)
        .hasMessageContaining("needs a shadow reader");
    CompiledRule rule = RuleSql.compile(sql, SqlVersion.V2016_03_23, TestLookups.fixed());
    assertThat(rule.evaluate(message("t", "{}")).orElseThrow().text()).isEqualTo("{\"t\":21.5}");
  }

  /** A clock tests move forward by hand. */
  private static final class MutableClock extends Clock {
    private long millis;

    MutableClock(long millis) {
      this.millis = millis;
    }

    void advance(long delta) {
      millis += delta;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }
}
