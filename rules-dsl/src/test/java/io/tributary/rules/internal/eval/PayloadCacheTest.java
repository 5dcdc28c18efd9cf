package io.tributary.rules.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.rules.Lookups;
import io.tributary.rules.MessageContext;
import io.tributary.rules.SqlVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A message's payload is parsed once per version flavour, however many rules read it. */
class PayloadCacheTest {

  @Test
  void framesOfOneMessageShareTheParsedPayload() {
    MessageContext m = MessageContext.builder("t", "{\"a\":1.0}".getBytes(StandardCharsets.UTF_8)).build();
    RuleEnv v2016 = new RuleEnv(SqlVersion.V2016_03_23, Lookups.none());
    RuleEnv v2015 = new RuleEnv(SqlVersion.V2015_10_08, Lookups.none());
    assertThat(Frame.top(m, v2016, 0).row()).isSameAs(Frame.top(m, v2016, 0).row());
    assertThat(Frame.top(m, v2015, 0).row()).isSameAs(Frame.top(m, v2015, 0).row());
    assertThat(Frame.top(m, v2015, 0).row()).isNotEqualTo(Frame.top(m, v2016, 0).row());
  }
}
