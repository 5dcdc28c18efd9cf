package io.tributary.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class PayloadsTest {

  @Test
  void theHeaderSurvivesAndThePayloadHasTheRequestedSize_eachTimeTheBufferIsRewritten() {
    ByteBuf scratch = Unpooled.buffer(Payloads.size(100));
    ByteBuf payload = Payloads.rewrite(scratch, 123_456_789_012L, 7, 42, 100);

    assertThat(payload.readableBytes()).isEqualTo(100);
    assertThat(Payloads.isHarnessPayload(payload)).isTrue();
    assertThat(Payloads.sentNanos(payload)).isEqualTo(123_456_789_012L);
    assertThat(Payloads.publisher(payload)).isEqualTo(7);
    assertThat(Payloads.sequence(payload)).isEqualTo(42);

    payload.readerIndex(30); // a reader moved it: the next rewrite starts over
    Payloads.rewrite(scratch, 5, 8, 43, 100);
    assertThat(payload.readableBytes()).isEqualTo(100);
    assertThat(Payloads.sentNanos(payload)).isEqualTo(5);
    assertThat(Payloads.sequence(payload)).isEqualTo(43);
  }

  @Test
  void requestsBelowTheHeaderAreRaisedToIt() {
    assertThat(Payloads.size(5)).isEqualTo(Payloads.HEADER_BYTES);
    assertThat(Payloads.rewrite(Unpooled.buffer(Payloads.size(5)), 1, 0, 0, 5).readableBytes())
        .isEqualTo(Payloads.HEADER_BYTES);
    assertThat(Payloads.isHarnessPayload(Unpooled.wrappedBuffer(new byte[3]))).isFalse();
  }
}
