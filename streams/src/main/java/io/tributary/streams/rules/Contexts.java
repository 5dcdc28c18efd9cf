package io.tributary.streams.rules;

import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.Mqtt5Properties;
import io.tributary.rules.MessageContext;
import io.tributary.rules.MqttProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The rules' view of an envelope. */
final class Contexts {
  private Contexts() {}

  /** One context per message, shared by every rule that evaluates it (the payload is parsed once). */
  static MessageContext of(Envelope e, String topic, Clock clock) {
    return MessageContext.builder(topic, e.payload())
        .clientId(e.clientId() == null || e.clientId().isEmpty() ? null : e.clientId())
        .principal(e.principal())
        .traceId(e.traceId())
        .clock(clock)
        .mqttProperties(properties(e.properties()))
        .build();
  }

  private static MqttProperties properties(Mqtt5Properties p) {
    if (p.isEmpty()) {
      return MqttProperties.NONE;
    }
    List<MqttProperties.UserProperty> user = new ArrayList<>(p.userProperties().size());
    for (Mqtt5Properties.UserProperty u : p.userProperties()) {
      user.add(new MqttProperties.UserProperty(u.key(), u.value()));
    }
    return new MqttProperties(p.payloadFormat(), p.contentType(), p.responseTopic(), p.correlationData(),
        p.messageExpirySeconds(), user);
  }
}
