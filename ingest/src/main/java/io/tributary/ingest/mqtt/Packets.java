package io.tributary.ingest.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.Mqtt5Properties;
import java.util.List;

/** Builds the packets the broker sends, for MQTT 3.1.1 (no properties) and 5. */
final class Packets {
  /** First byte of a PUBACK (type 4, flags 0). */
  static final int PUBACK_BYTE = 0x40;
  /** First byte of a PUBREC (type 5, flags 0). */
  static final int PUBREC_BYTE = 0x50;

  private Packets() {}

  static MqttConnAckMessage connAck(byte code, boolean sessionPresent, MqttProperties props) {
    return new MqttConnAckMessage(fixed(MqttMessageType.CONNACK, MqttQoS.AT_MOST_ONCE),
        new MqttConnAckVariableHeader(MqttConnectReturnCode.valueOf(code), sessionPresent, props));
  }

  /** PUBACK, PUBREC, PUBREL or PUBCOMP. */
  static MqttMessage pubReply(MqttMessageType type, int packetId, byte reason, String reasonString, boolean v5) {
    MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
    if (!v5 || (reason == Reason.SUCCESS && reasonString == null)) {
      return new MqttMessage(fixed(type, qos), new MqttPubReplyMessageVariableHeader(packetId, Reason.SUCCESS,
          MqttProperties.NO_PROPERTIES));
    }
    return new MqttMessage(fixed(type, qos),
        new MqttPubReplyMessageVariableHeader(packetId, reason, reasonString(reasonString)));
  }

  static MqttSubAckMessage subAck(int packetId, int[] codes, String reasonString) {
    return new MqttSubAckMessage(fixed(MqttMessageType.SUBACK, MqttQoS.AT_MOST_ONCE),
        new MqttMessageIdAndPropertiesVariableHeader(packetId, reasonString(reasonString)),
        new MqttSubAckPayload(codes));
  }

  static MqttUnsubAckMessage unsubAck(int packetId, short[] codes, boolean v5) {
    return new MqttUnsubAckMessage(fixed(MqttMessageType.UNSUBACK, MqttQoS.AT_MOST_ONCE),
        new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
        v5 ? new MqttUnsubAckPayload(codes) : null);
  }

  static MqttMessage disconnect(byte reason, String reasonString) {
    return new MqttMessage(fixed(MqttMessageType.DISCONNECT, MqttQoS.AT_MOST_ONCE),
        new MqttReasonCodeAndPropertiesVariableHeader(reason, reasonString(reasonString)));
  }

  static MqttMessage pingResp() {
    return MqttMessage.PINGRESP;
  }

  /**
   * A PUBLISH to a subscriber. The payload array is wrapped, not copied. For MQTT 5 the message's
   * properties travel with it; the expiry is the time left.
   */
  static MqttPublishMessage publish(Envelope e, int qos, boolean retain, int packetId, boolean dup, boolean v5,
      Long remainingExpiry, int[] subscriptionIds) {
    MqttProperties props = v5 ? properties(e.properties(), remainingExpiry, subscriptionIds) : MqttProperties.NO_PROPERTIES;
    MqttFixedHeader fh = new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), retain, 0);
    return new MqttPublishMessage(fh, new MqttPublishVariableHeader(e.topic(), qos == 0 ? -1 : packetId, props),
        Unpooled.wrappedBuffer(e.payload()));
  }

  private static MqttProperties properties(Mqtt5Properties p, Long remainingExpiry, int[] subscriptionIds) {
    if (p.isEmpty() && subscriptionIds.length == 0) {
      return MqttProperties.NO_PROPERTIES;
    }
    MqttProperties props = new MqttProperties();
    if (p.payloadFormat() != null) {
      props.add(new MqttProperties.IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR, p.payloadFormat()));
    }
    if (remainingExpiry != null) {
      props.add(new MqttProperties.IntegerProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL,
          (int) Math.min(Integer.MAX_VALUE, remainingExpiry)));
    }
    if (p.contentType() != null) {
      props.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, p.contentType()));
    }
    if (p.responseTopic() != null) {
      props.add(new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, p.responseTopic()));
    }
    if (p.correlationData() != null) {
      props.add(new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, p.correlationData()));
    }
    if (!p.userProperties().isEmpty()) {
      List<MqttProperties.StringPair> pairs = p.userProperties().stream()
          .map(u -> new MqttProperties.StringPair(u.key(), u.value())).toList();
      props.add(new MqttProperties.UserProperties(pairs));
    }
    for (int id : subscriptionIds) {
      props.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER, id));
    }
    return props;
  }

  static MqttProperties reasonString(String text) {
    if (text == null) {
      return MqttProperties.NO_PROPERTIES;
    }
    MqttProperties props = new MqttProperties();
    props.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, text));
    return props;
  }

  private static MqttFixedHeader fixed(MqttMessageType type, MqttQoS qos) {
    return new MqttFixedHeader(type, false, qos, false, 0);
  }
}
