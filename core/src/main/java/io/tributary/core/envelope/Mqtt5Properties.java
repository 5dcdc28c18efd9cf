package io.tributary.core.envelope;

import java.util.List;

/**
 * MQTT 5 publish properties carried end to end. Absent values are null. {@code correlationData}
 * is not copied: treat it as read-only.
 */
public record Mqtt5Properties(
    String contentType,
    Integer payloadFormat,
    String responseTopic,
    byte[] correlationData,
    Long messageExpirySeconds,
    List<UserProperty> userProperties) {

  public static final Mqtt5Properties NONE = new Mqtt5Properties(null, null, null, null, null, List.of());

  public Mqtt5Properties {
    userProperties = userProperties == null ? List.of() : List.copyOf(userProperties);
  }

  public boolean isEmpty() {
    return contentType == null && payloadFormat == null && responseTopic == null
        && correlationData == null && messageExpirySeconds == null && userProperties.isEmpty();
  }

  public Mqtt5Properties withMessageExpirySeconds(Long seconds) {
    return new Mqtt5Properties(contentType, payloadFormat, responseTopic, correlationData, seconds, userProperties);
  }

  /** One user property; order and duplicates are preserved as MQTT 5 requires. */
  public record UserProperty(String key, String value) {}
}
