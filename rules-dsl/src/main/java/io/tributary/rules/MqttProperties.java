package io.tributary.rules;

import java.util.List;
import java.util.Objects;

/**
 * The MQTT 5 PUBLISH properties a rule can read with {@code get_mqtt_property} and
 * {@code get_user_properties}. Absent properties are null.
 *
 * @param payloadFormatIndicator 0 (unspecified bytes) or 1 (UTF-8 data), or null
 * @param messageExpiryInterval seconds, or null
 * @param userProperties in the order received; keys may repeat
 */
public record MqttProperties(
    Integer payloadFormatIndicator,
    String contentType,
    String responseTopic,
    byte[] correlationData,
    Long messageExpiryInterval,
    List<UserProperty> userProperties) {

  /** No properties: an MQTT 3.1.1 or HTTP publish. */
  public static final MqttProperties NONE = new MqttProperties(null, null, null, null, null, List.of());

  public MqttProperties {
    userProperties = List.copyOf(Objects.requireNonNullElse(userProperties, List.of()));
    correlationData = correlationData == null ? null : correlationData.clone();
  }

  /** One MQTT 5 user property. */
  public record UserProperty(String key, String value) {
    public UserProperty {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }
}
