package io.tributary.rules;

import io.tributary.rules.internal.eval.ContextAccess;
import io.tributary.rules.internal.eval.PayloadCache;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * One incoming message as rules see it: topic, payload bytes and the metadata that the context
 * functions ({@code topic()}, {@code clientid()}, {@code principal()}, {@code timestamp()},
 * {@code traceid()}, {@code get_mqtt_property()} ...) return. The payload is parsed at most once
 * per SQL-version flavour, however many rules evaluate the message, and {@code timestamp()} is
 * read once from the clock, so every rule sees the same value. Safe to share between threads.
 */
public final class MessageContext {

  static {
    ContextAccess.install(c -> c.cache);
  }

  private final String topic;
  private final byte[] payload;
  private final String clientId;
  private final String principal;
  private final String traceId;
  private final String sourceIp;
  private final String accountId;
  private final Clock clock;
  private final MqttProperties properties;
  private final PayloadCache cache = new PayloadCache();

  private MessageContext(Builder b) {
    this.topic = b.topic;
    this.payload = b.payload;
    this.clientId = b.clientId;
    this.principal = b.principal;
    this.traceId = b.traceId;
    this.sourceIp = b.sourceIp;
    this.accountId = b.accountId;
    this.clock = b.clock;
    this.properties = b.properties;
  }

  /**
   * Starts a context. {@code topic} is the topic the message was published to; for Basic Ingest
   * pass it without the {@code $aws/rules/<ruleName>/} prefix. The payload array is not copied
   * and must not be modified afterwards.
   */
  public static Builder builder(String topic, byte[] payload) {
    return new Builder(topic, payload);
  }

  public String topic() {
    return topic;
  }

  /** The payload bytes (not a copy: do not modify). */
  public byte[] payload() {
    return payload;
  }

  public Optional<String> clientId() {
    return Optional.ofNullable(clientId);
  }

  public Optional<String> principal() {
    return Optional.ofNullable(principal);
  }

  public Optional<String> traceId() {
    return Optional.ofNullable(traceId);
  }

  public Optional<String> sourceIp() {
    return Optional.ofNullable(sourceIp);
  }

  public Optional<String> accountId() {
    return Optional.ofNullable(accountId);
  }

  public Clock clock() {
    return clock;
  }

  public MqttProperties mqttProperties() {
    return properties;
  }

  /** Builds a {@link MessageContext}; every field but topic and payload is optional. */
  public static final class Builder {
    private final String topic;
    private final byte[] payload;
    private String clientId;
    private String principal;
    private String traceId;
    private String sourceIp;
    private String accountId;
    private Clock clock = Clock.systemUTC();
    private MqttProperties properties = MqttProperties.NONE;

    private Builder(String topic, byte[] payload) {
      this.topic = Objects.requireNonNull(topic, "topic");
      this.payload = Objects.requireNonNull(payload, "payload");
    }

    /** The publisher's MQTT client id; without one {@code clientid()} returns {@code "n/a"}. */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** The authenticated principal (certificate id, key id, authorizer principal). */
    public Builder principal(String principal) {
      this.principal = principal;
      return this;
    }

    /** The message's trace id; without one {@code traceid()} is Undefined. */
    public Builder traceId(String traceId) {
      this.traceId = traceId;
      return this;
    }

    public Builder sourceIp(String sourceIp) {
      this.sourceIp = sourceIp;
      return this;
    }

    /** The account (tenant) owning the rule, for {@code accountid()}. */
    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    /** The clock {@code timestamp()} reads; defaults to the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder mqttProperties(MqttProperties properties) {
      this.properties = Objects.requireNonNull(properties, "properties");
      return this;
    }

    public MessageContext build() {
      return new MessageContext(this);
    }
  }
}
