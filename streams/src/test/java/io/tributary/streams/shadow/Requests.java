package io.tributary.streams.shadow;

import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.Mqtt5Properties;
import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Request envelopes as the gateway and the REST data plane write them, for tests. */
final class Requests {
  static final String NODE = "node-test";

  private Requests() {}

  static Envelope mqtt(String topic, String payload, int qos, long receivedAt) {
    return new Envelope(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false, "device-1", "cert-1", "lamp",
        receivedAt, Envelope.Origin.MQTT, Mqtt5Properties.NONE, NODE, UUID.randomUUID().toString());
  }

  static Envelope will(String topic, String payload, long receivedAt) {
    return new Envelope(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false, "device-1", "cert-1", null,
        receivedAt, Envelope.Origin.WILL, Mqtt5Properties.NONE, NODE, UUID.randomUUID().toString());
  }

  static Envelope restUpdate(ShadowId shadow, String body, String requestId, long receivedAt) {
    return RestEnvelopes.request(ShadowRequest.update(shadow, body.getBytes(StandardCharsets.UTF_8)),
        RestEnvelopes.replyTopic(NODE, requestId), "anonymous", NODE, receivedAt, requestId);
  }

  static Envelope restDelete(ShadowId shadow, String requestId, long receivedAt) {
    return RestEnvelopes.request(ShadowRequest.delete(shadow), RestEnvelopes.replyTopic(NODE, requestId),
        "anonymous", NODE, receivedAt, requestId);
  }

  static String text(Envelope e) {
    return new String(e.payload(), StandardCharsets.UTF_8);
  }
}
