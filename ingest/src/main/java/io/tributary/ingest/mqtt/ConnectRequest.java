package io.tributary.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.tributary.core.config.MqttConfig;
import io.tributary.core.envelope.Mqtt5Properties;
import io.tributary.core.topic.TopicError;
import io.tributary.core.topic.TopicLimits;
import io.tributary.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A validated CONNECT: what the client asked for, adjusted to the broker's limits and profile.
 *
 * @param version 3 (MQTT 3.1), 4 (3.1.1) or 5
 * @param clientId client id, assigned by the broker when the client sent none
 * @param assignedClientId true when the broker assigned {@code clientId}
 * @param cleanStart discard any existing session
 * @param keepAliveSeconds effective keep-alive; 0 for none
 * @param keepAliveChanged the broker changed the client's keep-alive (MQTT 5: Server Keep Alive)
 * @param sessionExpirySeconds how long the session outlives the connection
 * @param receiveMaximum the client's Receive Maximum
 * @param maxPacketSize largest packet the client accepts
 * @param problemInfo MQTT 5 Request Problem Information
 * @param username user name or null
 * @param password password or null
 * @param will the will, or null
 */
record ConnectRequest(int version, String clientId, boolean assignedClientId, boolean cleanStart, int keepAliveSeconds,
    boolean keepAliveChanged, long sessionExpirySeconds, int receiveMaximum, long maxPacketSize, boolean problemInfo,
    String username, byte[] password, Will will) {

  boolean v5() {
    return version == 5;
  }

  /**
   * The will of a connection.
   *
   * @param delaySeconds MQTT 5 will delay
   */
  record Will(String topic, byte[] payload, int qos, boolean retain, long delaySeconds, Mqtt5Properties properties) {}

  /** A CONNECT the broker refuses: the CONNACK code for MQTT 5 and for 3.1.1 (0: just close). */
  record Refusal(byte v5Code, byte v311Code, String reason) {}

  /** Parse result: exactly one of request and refusal is set. */
  record Parsed(ConnectRequest request, Refusal refusal) {}

  static Parsed parse(MqttConnectMessage msg, MqttConfig limits, TopicLimits topicLimits, boolean awsStrict) {
    MqttConnectVariableHeader vh = msg.variableHeader();
    MqttConnectPayload pl = msg.payload();
    int version = vh.version();
    boolean v5 = version == 5;
    MqttProperties props = v5 ? vh.properties() : MqttProperties.NO_PROPERTIES;

    if (v5 && props.getProperty(MqttProperties.AUTHENTICATION_METHOD) != null) {
      return refuse(Reason.BAD_AUTHENTICATION_METHOD, (byte) 0, "enhanced authentication (AUTH) is not supported");
    }
    String clientId = pl.clientIdentifier() == null ? "" : pl.clientIdentifier();
    boolean assigned = false;
    if (clientId.isEmpty()) {
      if (!v5 && !vh.isCleanSession()) {
        return refuse(Reason.CLIENT_ID_NOT_VALID, (byte) 2, "an empty client id requires a clean session");
      }
      clientId = "tributary-" + UUID.randomUUID();
      assigned = true;
    }
    if (clientId.getBytes(StandardCharsets.UTF_8).length > limits.maxClientIdBytes) {
      return refuse(Reason.CLIENT_ID_NOT_VALID, (byte) 2, "client id longer than " + limits.maxClientIdBytes + " bytes");
    }
    if (awsStrict && clientId.startsWith("$")) {
      return refuse(Reason.CLIENT_ID_NOT_VALID, (byte) 2, "client ids starting with $ are reserved");
    }

    int requested = vh.keepAliveTimeSeconds();
    int keepAlive = keepAlive(requested, limits, awsStrict);

    long expiry;
    if (v5) {
      Integer sei = MqttProps.integer(props, MqttProperties.SESSION_EXPIRY_INTERVAL);
      long asked = sei == null ? 0 : Integer.toUnsignedLong(sei);
      expiry = Math.min(asked, limits.maxSessionExpirySeconds);
    } else {
      expiry = vh.isCleanSession() ? 0 : limits.defaultSessionExpirySeconds;
    }
    int receiveMax = 65535;
    long maxPacket = 268_435_455L;
    boolean problemInfo = true;
    if (v5) {
      Integer rm = MqttProps.integer(props, MqttProperties.RECEIVE_MAXIMUM);
      if (rm != null) {
        if (rm == 0) {
          return refuse(Reason.PROTOCOL_ERROR, (byte) 0, "Receive Maximum of 0");
        }
        receiveMax = rm;
      }
      Integer mps = MqttProps.integer(props, MqttProperties.MAXIMUM_PACKET_SIZE);
      if (mps != null) {
        if (mps == 0) {
          return refuse(Reason.PROTOCOL_ERROR, (byte) 0, "Maximum Packet Size of 0");
        }
        maxPacket = Integer.toUnsignedLong(mps);
      }
      Integer rpi = MqttProps.integer(props, MqttProperties.REQUEST_PROBLEM_INFORMATION);
      problemInfo = rpi == null || rpi != 0;
    }

    Will will = null;
    if (vh.isWillFlag()) {
      String wt = pl.willTopic();
      TopicError err = wt == null ? TopicError.EMPTY : Topics.validateName(wt, topicLimits);
      if (err != null) {
        return refuse(Reason.TOPIC_NAME_INVALID, (byte) 0, "will topic: " + err.message());
      }
      if (awsStrict && vh.willQos() > 1) {
        return refuse(Reason.QOS_NOT_SUPPORTED, (byte) 0, "will QoS 2 is not supported");
      }
      byte[] payload = pl.willMessageInBytes() == null ? new byte[0] : pl.willMessageInBytes();
      if (payload.length > limits.maxPayloadBytes) {
        return refuse(Reason.PACKET_TOO_LARGE, (byte) 0, "will payload larger than " + limits.maxPayloadBytes + " bytes");
      }
      MqttProperties wp = v5 && pl.willProperties() != null ? pl.willProperties() : MqttProperties.NO_PROPERTIES;
      Integer delay = MqttProps.integer(wp, MqttProperties.WILL_DELAY_INTERVAL);
      Integer wExpiry = MqttProps.integer(wp, MqttProperties.PUBLICATION_EXPIRY_INTERVAL);
      Long willExpiry = wExpiry == null ? null : clampExpiry(Integer.toUnsignedLong(wExpiry), awsStrict);
      will = new Will(wt, payload, vh.willQos(), vh.isWillRetain(),
          delay == null ? 0 : Integer.toUnsignedLong(delay), MqttProps.messageProperties(wp, willExpiry));
    }
    return new Parsed(new ConnectRequest(version, clientId, assigned, vh.isCleanSession(), keepAlive,
        keepAlive != requested, expiry, receiveMax, maxPacket, problemInfo,
        vh.hasUserName() ? pl.userName() : null, vh.hasPassword() ? pl.passwordInBytes() : null, will), null);
  }

  /** AWS: 0 means 1200 s, and requests are clamped to 30..1200 s. MQTT: as asked, at most the maximum. */
  static int keepAlive(int requested, MqttConfig limits, boolean awsStrict) {
    if (awsStrict) {
      if (requested == 0) {
        return limits.keepAliveMaxSeconds;
      }
      return Math.max(limits.keepAliveMinSeconds, Math.min(requested, limits.keepAliveMaxSeconds));
    }
    return requested == 0 ? 0 : Math.min(requested, limits.keepAliveMaxSeconds);
  }

  /** AWS: a message expiry of 0 is 1 s, and at most 7 days. */
  static long clampExpiry(long seconds, boolean awsStrict) {
    if (!awsStrict) {
      return seconds;
    }
    return Math.max(1, Math.min(seconds, 604_800));
  }

  private static Parsed refuse(byte v5, byte v311, String reason) {
    return new Parsed(null, new Refusal(v5, v311, reason));
  }
}
