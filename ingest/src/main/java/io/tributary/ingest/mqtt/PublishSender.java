package io.tributary.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttMessageType;
import io.tributary.ingest.route.Delivery;
import java.nio.charset.StandardCharsets;

/** Turns deliveries into PUBLISH packets on the connection's transport. */
final class PublishSender implements Outbound.Sender {
  private final MqttConnection c;

  PublishSender(MqttConnection c) {
    this.c = c;
  }

  @Override
  public boolean send(Delivery d, int packetId) {
    if (d.qos() == 0 && c.transport.writeQueueFull()) {
      return false; // QoS 0 to a client that is not keeping up: dropped, as MQTT allows
    }
    if (estimatedSize(d) > c.request.maxPacketSize()) {
      return false; // MQTT 5 §3.1.2.11.4: never send a packet larger than the client accepts
    }
    Long remaining = d.envelope().remainingExpirySeconds(c.broker.now());
    c.transport.write(Packets.publish(d.envelope(), d.qos(), d.retain(), packetId, false, c.v5(), remaining,
        c.v5() ? d.subscriptionIds() : Delivery.NO_IDS));
    return true;
  }

  @Override
  public void sendPubRel(int packetId) {
    c.transport.write(Packets.pubReply(MqttMessageType.PUBREL, packetId, Reason.SUCCESS, null, c.v5()));
  }

  private static long estimatedSize(Delivery d) {
    long size = 5 + 2 + d.envelope().topic().getBytes(StandardCharsets.UTF_8).length + 2 + d.envelope().payload().length;
    var p = d.envelope().properties();
    if (!p.isEmpty()) {
      size += 16 + (p.contentType() == null ? 0 : p.contentType().length())
          + (p.responseTopic() == null ? 0 : p.responseTopic().length())
          + (p.correlationData() == null ? 0 : p.correlationData().length);
      for (var u : p.userProperties()) {
        size += 5 + u.key().length() + u.value().length();
      }
    }
    return size;
  }
}
