package io.tributary.ingest.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.envelope.Envelope;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the feed may take its time: the pacing decisions on their own, on a clock the test sets. */
class PollPacingTest {
  private static final long MS = 1_000_000;
  private static final long T0 = 5_000 * MS;

  private final AtomicLong now = new AtomicLong(T0);

  private PollPacing pacing(String nodeId, Duration interval) {
    return new PollPacing(nodeId, interval, now::get);
  }

  @Test
  void whileCaughtUpThePollAfterTheLastWaitsOneInterval() {
    PollPacing pacing = pacing("node-a", Duration.ofMillis(20));
    assertThat(pacing.mayWait(true)).isTrue();
    assertThat(pacing.nextPollNanos()).isEqualTo(T0); // nothing polled yet: due at once
    now.set(T0 + 3 * MS);
    pacing.polled();
    now.set(T0 + 4 * MS);
    assertThat(pacing.mayWait(true)).isTrue();
    assertThat(pacing.nextPollNanos()).isEqualTo(T0 + 23 * MS);
  }

  @Test
  void aConsumerBehindOrAFastPathWaitingForItPollsAtOnce() {
    assertThat(pacing("node-a", Duration.ofMillis(20)).mayWait(false)).isFalse();
  }

  @Test
  void zeroIntervalOrNoNodeIdAlwaysPollsAtOnce() {
    assertThat(pacing("node-a", Duration.ZERO).mayWait(true)).isFalse();
    assertThat(pacing(null, Duration.ofMillis(20)).mayWait(true)).isFalse();
    assertThatThrownBy(() -> pacing("node-a", Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  /** origin, source node, whether the feed turns eager for a second after routing it. */
  @ParameterizedTest
  @CsvSource({
      "MQTT,      node-a, false",
      "HTTP,      node-a, false",
      "WILL,      node-a, false",
      "LIFECYCLE, node-a, false",
      "MQTT,      node-b, true",
      "HTTP,      node-b, true",
      "WILL,      node-b, true",
      "LIFECYCLE, node-b, true",
      "SHADOW,    node-a, true",
      "RULE,      node-a, true",
  })
  void aRecordTheFastPathDoesNotCarryMakesTheFeedEagerForASecond(Envelope.Origin origin, String sourceNode,
                                                                  boolean eager) {
    PollPacing pacing = pacing("node-a", Duration.ofMillis(20));
    now.set(T0 + 10 * MS);
    pacing.routed(envelope(origin, sourceNode));
    assertThat(pacing.mayWait(true)).isEqualTo(!eager);
    now.set(T0 + 10 * MS + PollPacing.EAGER_HOLD_NANOS - 1);
    assertThat(pacing.mayWait(true)).isEqualTo(!eager);
    now.set(T0 + 10 * MS + PollPacing.EAGER_HOLD_NANOS);
    assertThat(pacing.mayWait(true)).isTrue();
  }

  private static Envelope envelope(Envelope.Origin origin, String sourceNode) {
    return new Envelope("t/1", new byte[] {1}, 1, false, "client", null, null, 0L, origin, null, sourceNode, "trace");
  }
}
