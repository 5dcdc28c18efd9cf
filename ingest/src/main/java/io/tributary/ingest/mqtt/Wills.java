package io.tributary.ingest.mqtt;

import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.TraceIds;

/** The will of a connection as the message it becomes. */
final class Wills {
  private Wills() {}

  static Envelope envelope(MqttConnection c) {
    ConnectRequest.Will w = c.request.will();
    return new Envelope(w.topic(), w.payload(), w.qos(), w.retain(), c.request.clientId(), c.principal.id(),
        c.principal.thingName(), c.broker.now(), Envelope.Origin.WILL, w.properties(), c.broker.nodeId(),
        TraceIds.next());
  }
}
