package io.tributary.core.envelope;

/**
 * One accepted publish, as stored on the message topic. Immutable; {@code payload} is not copied
 * and must not be modified after construction.
 *
 * @param topic MQTT topic name
 * @param payload opaque payload bytes
 * @param qos publish QoS (0..2)
 * @param retain retain flag as published
 * @param clientId publisher's client id; empty for HTTP
 * @param principal authenticated principal, or null
 * @param thingName thing attached to the connection, or null
 * @param receivedAt epoch millis when the node accepted the publish
 * @param origin where the message came from
 * @param properties MQTT 5 properties ({@link Mqtt5Properties#NONE} when none)
 * @param sourceNode id of the accepting node
 * @param traceId UUID assigned at acceptance
 */
public record Envelope(
    String topic,
    byte[] payload,
    int qos,
    boolean retain,
    String clientId,
    String principal,
    String thingName,
    long receivedAt,
    Origin origin,
    Mqtt5Properties properties,
    String sourceNode,
    String traceId) {

  public Envelope {
    if (properties == null) {
      properties = Mqtt5Properties.NONE;
    }
  }

  public Envelope withTopic(String newTopic) {
    return new Envelope(newTopic, payload, qos, retain, clientId, principal, thingName, receivedAt, origin,
        properties, sourceNode, traceId);
  }

  public Envelope withReceivedAt(long newReceivedAt) {
    return new Envelope(topic, payload, qos, retain, clientId, principal, thingName, newReceivedAt, origin,
        properties, sourceNode, traceId);
  }

  public Envelope withRetain(boolean newRetain) {
    return new Envelope(topic, payload, qos, newRetain, clientId, principal, thingName, receivedAt, origin,
        properties, sourceNode, traceId);
  }

  /** Remaining message expiry in seconds at {@code nowMillis}, or null when the message never expires. */
  public Long remainingExpirySeconds(long nowMillis) {
    Long expiry = properties.messageExpirySeconds();
    if (expiry == null) {
      return null;
    }
    long leftMillis = receivedAt + expiry * 1000 - nowMillis;
    return Math.max(0, leftMillis / 1000);
  }

  /** True when the message carries an expiry interval that has elapsed at {@code nowMillis}. */
  public boolean isExpired(long nowMillis) {
    Long expiry = properties.messageExpirySeconds();
    return expiry != null && nowMillis >= receivedAt + expiry * 1000;
  }

  /** Where a message entered the platform. */
  public enum Origin {
    MQTT("mqtt"), HTTP("http"), WILL("will"), LIFECYCLE("lifecycle"), SHADOW("shadow"), RULE("rule");

    private final String id;

    Origin(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static Origin of(String id) {
      for (Origin o : values()) {
        if (o.id.equals(id)) {
          return o;
        }
      }
      throw new IllegalArgumentException("unknown origin " + id);
    }
  }
}
