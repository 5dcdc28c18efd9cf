package io.tributary.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

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

  static ByteBuf encode(long sentNanos, int publisher, long sequence, int size) {
    byte[] bytes = new byte[size(size)];
    ByteBuf buf = Unpooled.wrappedBuffer(bytes);
    buf.writerIndex(0);
    buf.writeLong(sentNanos).writeInt(publisher).writeLong(sequence);
    buf.writerIndex(bytes.length);
    return buf;
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
