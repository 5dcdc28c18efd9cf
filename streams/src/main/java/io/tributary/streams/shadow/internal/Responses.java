package io.tributary.streams.shadow.internal;

import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.Mqtt5Properties;
import io.tributary.shadow.RestResponse;
import io.tributary.shadow.ShadowMessage;
import io.tributary.streams.shadow.RestEnvelopes;
import io.tributary.streams.shadow.ShadowJob;
import java.time.Clock;

/**
 * Builds the envelopes the job publishes: origin {@code SHADOW}, client id {@link ShadowJob#CLIENT_ID},
 * QoS of the request capped at 1, never retained; principal, thing and trace id of the request.
 */
final class Responses {
  private final String nodeId;
  private final Clock clock;

  Responses(String nodeId, Clock clock) {
    this.nodeId = nodeId;
    this.clock = clock;
  }

  Envelope message(Envelope request, ShadowMessage message) {
    return new Envelope(message.topic(), message.payload(), Math.min(request.qos(), 1), false, ShadowJob.CLIENT_ID,
        request.principal(), request.thingName(), clock.millis(), Envelope.Origin.SHADOW, Mqtt5Properties.NONE,
        nodeId, request.traceId());
  }

  Envelope reply(Envelope request, RestResponse response) {
    return RestEnvelopes.reply(request, response, nodeId, clock.millis());
  }
}
