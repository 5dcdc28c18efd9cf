package io.tributary.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.StringProperty;
import io.tributary.core.config.MqttConfig;

/** What an MQTT 5 CONNACK tells the client about this broker and its session. */
final class ConnAckProperties {
  private ConnAckProperties() {}

  static MqttProperties of(MqttConnection c) {
    MqttConfig limits = c.broker.limits();
    boolean strict = c.broker.awsStrict();
    MqttProperties p = new MqttProperties();
    p.add(new IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, (int) c.sessionExpirySeconds));
    p.add(new IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, limits.receiveMaximum));
    if (strict) {
      p.add(new IntegerProperty(MqttProperties.MAXIMUM_QOS, 1));
    }
    p.add(new IntegerProperty(MqttProperties.RETAIN_AVAILABLE, 1));
    p.add(new IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, limits.maxPacketBytes));
    p.add(new IntegerProperty(MqttProperties.TOPIC_ALIAS_MAXIMUM, limits.topicAliasMaximum));
    p.add(new IntegerProperty(MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE, 1));
    p.add(new IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE, strict ? 0 : 1));
    p.add(new IntegerProperty(MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE, 1));
    if (c.request.keepAliveChanged()) {
      p.add(new IntegerProperty(MqttProperties.SERVER_KEEP_ALIVE, c.request.keepAliveSeconds()));
    }
    if (c.request.assignedClientId()) {
      p.add(new StringProperty(MqttProperties.ASSIGNED_CLIENT_IDENTIFIER, c.request.clientId()));
    }
    return p;
  }
}
