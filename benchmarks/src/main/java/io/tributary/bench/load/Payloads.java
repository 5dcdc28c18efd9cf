package io.tributary.bench.load;

import io.netty.buffer.ByteBuf;

/**
 * The harness's message body: the send time ({@link System#nanoTime()} of this JVM, the time the
 * message was due in open-loop runs), the publisher's index and a per-publisher sequence number,
 * padded to the requested size. Publishers and subscribers run in the same JVM, so the receive
 * time minus the embedded time is the end-to-end latency.
 */
final class Payloads {

  /** Bytes the header takes; smaller requested payloads are raised to it. */
  static final int HEADER_BYTES = 8 + 4 + 8;

  private Payloads() {}

  static int size(int requested) {
    return Math.max(HEADER_BYTES, requested);
  }

  /**
   * Rewrites {@code scratch} (capacity at least {@code size(size)}, zero-filled when allocated) as
   * the body of one message and returns it: a publisher that copies each body out can reuse one.
   */
  static ByteBuf rewrite(ByteBuf scratch, long sentNanos, int publisher, long sequence, int size) {
    scratch.clear();
    scratch.writeLong(sentNanos).writeInt(publisher).writeLong(sequence);
    scratch.writerIndex(size(size));
    return scratch;
  }

  static long sentNanos(ByteBuf payload) {
    return payload.getLong(payload.readerIndex());
  }

  static int publisher(ByteBuf payload) {
    return payload.getInt(payload.readerIndex() + 8);
  }

  static long sequence(ByteBuf payload) {
    return payload.getLong(payload.readerIndex() + 12);
  }

  static boolean isHarnessPayload(ByteBuf payload) {
    return payload.readableBytes() >= HEADER_BYTES;
  }
}
