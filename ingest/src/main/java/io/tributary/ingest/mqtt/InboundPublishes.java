package io.tributary.ingest.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.TraceIds;
import io.tributary.core.topic.InternalTopics;
import io.tributary.core.topic.TopicError;
import io.tributary.core.topic.Topics;
import io.tributary.ingest.auth.Action;
import io.tributary.ingest.broker.DisconnectReason;
import io.tributary.ingest.broker.Publisher;
import java.util.HashMap;
import java.util.Map;

/**
 * PUBLISH and PUBREL from the client. A QoS 1 or 2 publish is acknowledged (PUBACK, PUBREC) only
 * after Kafka acknowledged it; a QoS 2 publish retransmitted before PUBREL is not written again,
 * so it reaches Kafka exactly once. Reading pauses while Kafka is behind or the client has its
 * Receive Maximum of publishes unacknowledged.
 */
final class InboundPublishes {
  private static final Publisher.Completion AT_MOST_ONCE = error -> { };

  private final MqttConnection c;
  /**
   * QoS 2 packet ids received and not yet released: false while Kafka has not acknowledged.
   * Allocated on the first QoS 2 publish, like the alias table on the first alias: an idle
   * connection holds neither.
   */
  private Map<Integer, Boolean> awaitingRelease;
  private Map<Integer, String> topicAliases;
  private int unacknowledged;
  private boolean paused;
  private boolean waitingForKafka;
  /** Success acknowledgements gathered during one mailbox drain; null between drains. */
  private ByteBuf acks;

  InboundPublishes(MqttConnection c) {
    this.c = c;
  }

  void onPublish(MqttPublishMessage m) {
    int qos = m.fixedHeader().qosLevel().value();
    int packetId = m.variableHeader().packetId();
    boolean v5 = c.v5();
    if (qos == 2 && c.broker.awsStrict()) {
      if (v5) {
        c.terminate(DisconnectReason.CLIENT_ERROR, true, Reason.QOS_NOT_SUPPORTED, "QoS 2 is not supported");
      }
      return; // AWS IoT: a QoS 2 publish over MQTT 3.1.1 gets no acknowledgement and is not delivered
    }
    MqttProperties props = v5 ? m.variableHeader().properties() : MqttProperties.NO_PROPERTIES;
    String topic = resolveTopic(m.variableHeader().topicName(), props);
    if (topic == null) {
      return;
    }
    TopicError err = Topics.validateName(topic, c.broker.topicLimits());
    if (err != null) {
      reject(qos, packetId, Reason.TOPIC_NAME_INVALID, "topic name invalid: " + err.message(), DisconnectReason.CLIENT_ERROR);
      return;
    }
    if (InternalTopics.isInternal(topic)) {
      reject(qos, packetId, Reason.TOPIC_NAME_INVALID, "topics under $tributary/ are reserved", DisconnectReason.CLIENT_ERROR);
      return;
    }
    ByteBuf content = m.content();
    if (content.readableBytes() > c.broker.limits().maxPayloadBytes) {
      c.terminate(DisconnectReason.CLIENT_ERROR, true, Reason.PACKET_TOO_LARGE,
          "Message payload exceeds size limit for message type.");
      return;
    }
    boolean retain = m.fixedHeader().isRetain();
    if (retain && c.broker.awsStrict() && Topics.isReserved(topic)) {
      reject(qos, packetId, Reason.RETAIN_NOT_SUPPORTED, "retained publishes to reserved topics are not allowed",
          DisconnectReason.CLIENT_ERROR);
      return;
    }
    if (!c.broker.authorizer().allowed(c.principal, c.clientId(), Action.PUBLISH, topic)
        || (retain && !c.broker.authorizer().allowed(c.principal, c.clientId(), Action.RETAIN_PUBLISH, topic))) {
      reject(qos, packetId, Reason.NOT_AUTHORIZED, "not authorized to publish to " + topic, DisconnectReason.AUTH_ERROR);
      return;
    }
    if (qos == 2) {
      Boolean stored = awaitingRelease == null ? null : awaitingRelease.get(packetId);
      if (stored != null) {
        if (stored) {
          ack(MqttMessageType.PUBREC, packetId, Reason.SUCCESS, null); // retransmission: already in Kafka
        }
        return;
      }
    }
    if (qos > 0 && unacknowledged >= c.broker.limits().receiveMaximum && v5) {
      c.terminate(DisconnectReason.CLIENT_ERROR, true, Reason.RECEIVE_MAXIMUM_EXCEEDED, "Receive Maximum exceeded");
      return;
    }
    byte[] payload = new byte[content.readableBytes()];
    content.getBytes(content.readerIndex(), payload);
    Long expiry = null;
    if (v5) {
      Integer mei = MqttProps.integer(props, MqttProperties.PUBLICATION_EXPIRY_INTERVAL);
      if (mei != null) {
        expiry = ConnectRequest.clampExpiry(Integer.toUnsignedLong(mei), c.broker.awsStrict());
      }
    }
    Envelope e = new Envelope(topic, payload, qos, retain, c.clientId(), c.principal.id(), c.principal.thingName(),
        c.broker.now(), Envelope.Origin.MQTT, v5 ? MqttProps.messageProperties(props, expiry) : null,
        c.broker.nodeId(), TraceIds.next());
    append(e, qos, packetId);
  }

  private void append(Envelope e, int qos, int packetId) {
    if (qos > 0) {
      unacknowledged++;
    }
    if (qos == 2) {
      if (awaitingRelease == null) {
        awaitingRelease = new HashMap<>();
      }
      awaitingRelease.put(packetId, false);
    }
    // A QoS 0 publish is not acknowledged, and its outcome cannot resume reading (only the Kafka
    // backlog, through whenWritable, and QoS 1/2 acknowledgements do): it need not come back.
    c.broker.publisher().publish(e, qos == 0 ? AT_MOST_ONCE : error -> c.stored(new Stored(qos, packetId, error)));
    maybePause();
  }

  /** Kafka's answer for one QoS 1 or 2 publish of this client, handed from the producer's thread to the event loop. */
  record Stored(int qos, int packetId, Exception error) {}

  /**
   * Acknowledges one QoS 1 or 2 publish Kafka has answered for. Successful PUBACKs and PUBRECs of
   * one burst are gathered and written as one buffer by {@link #afterStored}: one write and one pass
   * through the pipeline for a burst rather than one per packet.
   */
  void onStored(Stored s) {
    int qos = s.qos();
    int packetId = s.packetId();
    unacknowledged--;
    if (!c.isConnected()) {
      return;
    }
    if (s.error() != null) {
      if (qos == 2) {
        awaitingRelease.remove(packetId);
      }
      flushAcks(); // what was stored before is acknowledged first, in the order Kafka answered
      if (!c.v5()) {
        // MQTT 3.1.1 cannot refuse a publish: close, and the client resends it after reconnecting.
        c.terminate(DisconnectReason.SERVER_ERROR, true, null, null);
        return;
      }
      ack(qos == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC, packetId, Reason.UNSPECIFIED_ERROR,
          "message not stored: " + s.error().getMessage());
    } else if (qos == 1) {
      pendingAck(Packets.PUBACK_BYTE, packetId);
    } else if (qos == 2) {
      awaitingRelease.put(packetId, true);
      pendingAck(Packets.PUBREC_BYTE, packetId);
    }
  }

  /** After a burst of {@link #onStored}: writes the gathered acknowledgements and resumes reading if it can. */
  void afterStored() {
    flushAcks();
    maybeResume();
  }

  /** A success PUBACK or PUBREC without properties: the same four bytes in MQTT 3.1.1 and 5 (§3.4.2.1). */
  private void pendingAck(int firstByte, int packetId) {
    if (acks == null) {
      acks = c.transport.buffer(64);
    }
    acks.writeByte(firstByte).writeByte(2).writeShort(packetId);
  }

  private void flushAcks() {
    if (acks != null) {
      ByteBuf out = acks;
      acks = null;
      if (c.isConnected()) {
        c.transport.writeEncoded(out);
      } else {
        out.release();
      }
    }
  }

  /** True while reading is paused for backpressure: the client's pings are not being read either. */
  boolean paused() {
    return paused;
  }

  void onPubRel(int packetId) {
    boolean known = awaitingRelease != null && awaitingRelease.remove(packetId) != null;
    ack(MqttMessageType.PUBCOMP, packetId, known ? Reason.SUCCESS : Reason.PACKET_ID_NOT_FOUND, null);
  }

  /** MQTT 5 topic aliases (§3.3.2.3.4): set on first use, resolved on later publishes with an empty topic. */
  private String resolveTopic(String topic, MqttProperties props) {
    Integer alias = c.v5() ? MqttProps.integer(props, MqttProperties.TOPIC_ALIAS) : null;
    if (alias == null) {
      if (topic.isEmpty()) {
        c.terminate(DisconnectReason.CLIENT_ERROR, true, Reason.PROTOCOL_ERROR, "empty topic without a topic alias");
        return null;
      }
      return topic;
    }
    if (alias == 0 || alias > c.broker.limits().topicAliasMaximum) {
      c.terminate(DisconnectReason.CLIENT_ERROR, true, Reason.TOPIC_ALIAS_INVALID,
          "topic alias must be 1.." + c.broker.limits().topicAliasMaximum);
      return null;
    }
    if (topic.isEmpty()) {
      String known = topicAliases == null ? null : topicAliases.get(alias);
      if (known == null) {
        c.terminate(DisconnectReason.CLIENT_ERROR, true, Reason.PROTOCOL_ERROR, "unknown topic alias " + alias);
      }
      return known;
    }
    if (topicAliases == null) {
      topicAliases = new HashMap<>();
    }
    topicAliases.put(alias, topic);
    return topic;
  }

  /** Refuses one publish: a negative acknowledgement in MQTT 5 at QoS 1/2, otherwise the connection ends. */
  private void reject(int qos, int packetId, byte reason, String text, DisconnectReason lifecycle) {
    if (c.v5() && qos > 0) {
      ack(qos == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC, packetId, reason, text);
    } else {
      c.terminate(lifecycle, true, reason, text);
    }
  }

  private void ack(MqttMessageType type, int packetId, byte reason, String text) {
    c.transport.write(Packets.pubReply(type, packetId, reason, c.request.problemInfo() ? text : null, c.v5()));
  }

  private void maybePause() {
    if (paused) {
      return;
    }
    boolean kafkaBehind = c.broker.publisher().saturated();
    if (kafkaBehind || unacknowledged >= c.broker.limits().receiveMaximum) {
      paused = true;
      c.transport.pause();
      if (kafkaBehind) {
        waitForKafka();
      }
    }
  }

  private void waitForKafka() {
    if (!waitingForKafka) {
      waitingForKafka = true;
      c.broker.publisher().whenWritable(() -> c.ctx.runOnContext(v -> {
        waitingForKafka = false;
        maybeResume();
      }));
    }
  }

  private void maybeResume() {
    if (!paused || !c.isConnected()) {
      return;
    }
    if (c.broker.publisher().saturated()) {
      waitForKafka();
      return;
    }
    if (unacknowledged < c.broker.limits().receiveMaximum) {
      paused = false;
      c.transport.resume();
    }
  }
}
