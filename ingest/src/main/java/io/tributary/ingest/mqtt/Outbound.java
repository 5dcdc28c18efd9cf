package io.tributary.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttMessageType;
import io.tributary.ingest.route.Delivery;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Messages from the broker to one client: QoS 0 sent while the socket keeps up (dropped when it
 * does not, as MQTT allows); QoS 1 and 2 sent within the in-flight window (the smaller of the
 * broker's limit and the client's Receive Maximum), queued beyond it. Remembers, per message-topic
 * partition, the oldest message not yet acknowledged, so a persistent session resumes exactly
 * there. Owned by the connection's event loop.
 */
final class Outbound {
  /** A QoS 1/2 message sent and not yet completed. */
  private static final class InFlight {
    final Delivery delivery;
    boolean released; // QoS 2: PUBREC received, PUBREL sent

    InFlight(Delivery delivery) {
      this.delivery = delivery;
    }
  }

  /** Sends a PUBLISH for a delivery with a packet id (0 for QoS 0); false when it was not sent. */
  interface Sender {
    boolean send(Delivery d, int packetId);

    void sendPubRel(int packetId);
  }

  private final Sender sender;
  private final int window;
  private final int maxQueued;
  /** Allocated on the first QoS 1/2 message: most connections never receive one. */
  private Map<Integer, InFlight> inflight;
  /** Allocated when a message first has to wait for the window. */
  private ArrayDeque<Delivery> queue;
  private int nextPacketId = 1;
  private long dropped;

  Outbound(Sender sender, int window, int maxQueued) {
    this.sender = sender;
    this.window = Math.max(1, window);
    this.maxQueued = maxQueued;
  }

  void offer(Delivery d) {
    if (d.qos() == 0) {
      if (!sender.send(d, 0)) {
        dropped++;
      }
      return;
    }
    if (inflightCount() < window && queuedCount() == 0) {
      sendTracked(d);
      return;
    }
    if (queue == null) {
      queue = new ArrayDeque<>();
    }
    if (queue.size() >= maxQueued) {
      queue.pollFirst();
      dropped++;
    }
    queue.addLast(d);
  }

  /** PUBACK (QoS 1) or PUBCOMP (QoS 2) from the client. Returns false for an unknown packet id. */
  boolean complete(int packetId, MqttMessageType type) {
    InFlight f = inflight == null ? null : inflight.get(packetId);
    if (f == null) {
      return false;
    }
    boolean expected = type == MqttMessageType.PUBACK ? f.delivery.qos() == 1 : f.delivery.qos() == 2 && f.released;
    if (!expected) {
      return false;
    }
    inflight.remove(packetId);
    pump();
    return true;
  }

  /** PUBREC from the client: answer PUBREL. */
  boolean received(int packetId) {
    InFlight f = inflight == null ? null : inflight.get(packetId);
    if (f == null || f.delivery.qos() != 2) {
      return false;
    }
    f.released = true;
    sender.sendPubRel(packetId);
    return true;
  }

  /** A failed PUBREC (reason >= 0x80) ends the QoS 2 flow for that message. */
  void abandon(int packetId) {
    if (inflight != null && inflight.remove(packetId) != null) {
      pump();
    }
  }

  private void pump() {
    while (inflightCount() < window && queuedCount() > 0) {
      sendTracked(queue.pollFirst());
    }
  }

  private void sendTracked(Delivery d) {
    if (inflight == null) {
      inflight = new LinkedHashMap<>();
    }
    int id = allocatePacketId();
    inflight.put(id, new InFlight(d));
    if (!sender.send(d, id)) {
      inflight.remove(id); // not sendable (e.g. over the client's maximum packet size): skip it
      dropped++;
    }
  }

  private int allocatePacketId() {
    while (true) {
      int id = nextPacketId;
      nextPacketId = nextPacketId == 65535 ? 1 : nextPacketId + 1;
      if (!inflight.containsKey(id)) {
        return id;
      }
    }
  }

  int inflightCount() {
    return inflight == null ? 0 : inflight.size();
  }

  int queuedCount() {
    return queue == null ? 0 : queue.size();
  }

  long droppedCount() {
    return dropped;
  }

  /**
   * Per partition, the offset of the oldest message still in flight or queued; partitions with
   * none are absent.
   */
  Map<Integer, Long> oldestPending() {
    Map<Integer, Long> out = new HashMap<>();
    if (inflight != null) {
      for (InFlight f : inflight.values()) {
        note(out, f.delivery);
      }
    }
    if (queue != null) {
      for (Iterator<Delivery> it = queue.iterator(); it.hasNext(); ) {
        note(out, it.next());
      }
    }
    return out;
  }

  private static void note(Map<Integer, Long> out, Delivery d) {
    if (d.partition() >= 0) {
      out.merge(d.partition(), d.offset(), Math::min);
    }
  }
}
