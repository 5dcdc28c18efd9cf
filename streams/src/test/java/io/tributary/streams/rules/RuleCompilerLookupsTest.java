package io.tributary.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.rules.Lookups;
import io.tributary.rules.SqlParseException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which rules calling lookup functions the control plane accepts, and what it answers otherwise. */
class RuleCompilerLookupsTest {
  private static final String SHADOW_RULE = "{\"sql\":\"SELECT get_thing_shadow(topic(2), 'arn:aws:iam::123456789012:role/x')"
      + ".state.reported.temp AS t FROM 'sensors/+/x'\",\"awsIotSqlVersion\":\"2016-03-23\","
      + "\"actions\":[{\"republish\":{\"topic\":\"out\"}}]}";

  @Test
  void getThingShadowCompilesWithAShadowReader() throws Exception {
    RuleCompiler.check(rule(SHADOW_RULE), Lookups.none().withShadowReader((thing, name) -> Optional.empty()));
  }

  @Test
  void getThingShadowWithoutAShadowReaderSaysShadowsAreDisabled() throws Exception {
    assertThatThrownBy(() -> RuleCompiler.check(rule(SHADOW_RULE), Lookups.none()))
        .isInstanceOfSatisfying(InvalidRuleException.class, e -> {
          assertThat(e.errorType()).isEqualTo(SqlParseException.ERROR_CODE);
          assertThat(e.getMessage()).isEqualTo("Line 1:8: Function 'get_thing_shadow' reads Tributary's device"
              + " shadows, which are disabled on this node (shadow.enabled=false)");
        });
  }

  @Test
  void getRegistryDataSaysThereIsNoRegistry() throws Exception {
    String sql = "{\"sql\":\"SELECT * FROM 'x' WHERE isUndefined(get_registry_data('DescribeThing', 't', 'arn'))\","
        + "\"awsIotSqlVersion\":\"2016-03-23\",\"actions\":[]}";
    assertThatThrownBy(() -> RuleCompiler.check(rule(sql),
        Lookups.none().withShadowReader((thing, name) -> Optional.empty())))
        .isInstanceOfSatisfying(InvalidRuleException.class, e -> {
          assertThat(e.errorType()).isEqualTo(SqlParseException.ERROR_CODE);
          assertThat(e.getMessage()).isEqualTo(
              "Line 1:37: Function 'get_registry_data' is not supported yet: Tributary has no thing registry");
        });
  }

  @Test
  void getThingShadowIn2015SqlStillNamesTheVersion() throws Exception {
    String sql = SHADOW_RULE.replace("2016-03-23", "2015-10-08");
    assertThatThrownBy(() -> RuleCompiler.check(rule(sql), Lookups.none()))
        .isInstanceOfSatisfying(InvalidRuleException.class,
            e -> assertThat(e.getMessage()).contains("requires SQL version 2016-03-23"));
  }

  private static TopicRule rule(String payload) throws Exception {
    return TopicRule.fromPayload("r", RulesDriver.JSON.readTree(payload), 0);
  }
}
