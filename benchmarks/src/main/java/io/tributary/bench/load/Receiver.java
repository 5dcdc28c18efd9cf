package io.tributary.bench.load;

import io.netty.buffer.ByteBuf;
import java.util.BitSet;

/**
 * A subscribing connection's counting: every harness message it receives is timed (latency from
 * the stamp in the payload) and its sequence number marked, so that after the run the distinct
 * messages received can be compared with those the publisher had acknowledged. Each receiver
 * hears one publisher (its device-to-device peer, or the fan-out publisher).
 */
final class Receiver implements BenchClient.Listener {

  private final Metrics metrics;
  private final BitSet seen = new BitSet();
  private volatile long distinct;
  private volatile long duplicates;

  Receiver(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void onMessage(String topic, ByteBuf payload) {
    if (!Payloads.isHarnessPayload(payload)) {
      return;
    }
    metrics.latencyNanos(System.nanoTime() - Payloads.sentNanos(payload));
    metrics.received.increment();
    int seq = (int) Payloads.sequence(payload);
    if (seen.get(seq)) {
      duplicates++;
    } else {
      seen.set(seq);
      distinct++;
    }
  }

  long distinct() {
    return distinct;
  }

  long duplicates() {
    return duplicates;
  }
}
