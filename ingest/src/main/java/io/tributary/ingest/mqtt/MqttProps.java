package io.tributary.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.tributary.core.envelope.Mqtt5Properties;
import io.tributary.core.envelope.Mqtt5Properties.UserProperty;
import java.util.ArrayList;
import java.util.List;

/** Reads MQTT 5 properties from Netty's representation. */
final class MqttProps {
  private MqttProps() {}

  static Integer integer(MqttProperties props, int id) {
    MqttProperties.MqttProperty<?> p = props.getProperty(id);
    return p == null ? null : (Integer) p.value();
  }

  static String string(MqttProperties props, int id) {
    MqttProperties.MqttProperty<?> p = props.getProperty(id);
    return p == null ? null : (String) p.value();
  }

  static byte[] binary(MqttProperties props, int id) {
    MqttProperties.MqttProperty<?> p = props.getProperty(id);
    return p == null ? null : (byte[]) p.value();
  }

  static List<UserProperty> userProperties(MqttProperties props) {
    List<? extends MqttProperties.MqttProperty> all = props.getProperties(MqttProperties.USER_PROPERTY);
    if (all.isEmpty()) {
      return List.of();
    }
    List<UserProperty> out = new ArrayList<>();
    for (MqttProperties.MqttProperty<?> p : all) {
      if (p instanceof MqttProperties.UserProperties ups) {
        for (MqttProperties.StringPair pair : ups.value()) {
          out.add(new UserProperty(pair.key, pair.value));
        }
      } else if (p instanceof MqttProperties.UserProperty up) {
        out.add(new UserProperty(up.value().key, up.value().value));
      }
    }
    return out;
  }

  /** The message properties of a PUBLISH or a will, with the expiry as given (null when absent). */
  static Mqtt5Properties messageProperties(MqttProperties props, Long expirySeconds) {
    if (props == null || props.isEmpty()) {
      return expirySeconds == null ? Mqtt5Properties.NONE
          : Mqtt5Properties.NONE.withMessageExpirySeconds(expirySeconds);
    }
    return new Mqtt5Properties(
        string(props, MqttProperties.CONTENT_TYPE),
        integer(props, MqttProperties.PAYLOAD_FORMAT_INDICATOR),
        string(props, MqttProperties.RESPONSE_TOPIC),
        binary(props, MqttProperties.CORRELATION_DATA),
        expirySeconds,
        userProperties(props));
  }
}
