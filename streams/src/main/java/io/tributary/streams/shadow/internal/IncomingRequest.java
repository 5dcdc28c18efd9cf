package io.tributary.streams.shadow.internal;

import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.envelope.EnvelopeFormatException;
import io.tributary.shadow.ShadowRequest;
import io.tributary.shadow.ShadowTopic;
import io.tributary.shadow.ShadowTopics;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shadow request as read from the requests topic: the envelope and the request its topic names.
 *
 * @param envelope as published
 * @param request  its shadow, operation and payload
 */
public record IncomingRequest(Envelope envelope, ShadowRequest request) {
  private static final Logger LOG = LoggerFactory.getLogger(IncomingRequest.class);

  /**
   * The request in {@code bytes} if it is a shadow request the service must answer: published on
   * a request topic, and not a will (AWS's shadow service ignores last-will messages). The topic is
   * read and parsed once, before the rest of the envelope is decoded.
   */
  public static Optional<IncomingRequest> read(byte[] bytes) {
    if (bytes == null) {
      return Optional.empty();
    }
    Envelope envelope;
    ShadowTopic topic;
    try {
      // The gateway writes only shadow requests here; check anyway before decoding the whole envelope.
      String name = EnvelopeCodec.topic(bytes);
      Optional<ShadowTopic> parsed = name.startsWith("$aws/things/") ? ShadowTopics.parseRequest(name)
          : Optional.empty();
      if (parsed.isEmpty()) {
        return Optional.empty();
      }
      topic = parsed.get();
      envelope = EnvelopeCodec.decode(bytes);
    } catch (EnvelopeFormatException e) {
      LOG.warn("skipping an unreadable message: {}", e.getMessage());
      return Optional.empty();
    }
    if (envelope.origin() == Envelope.Origin.WILL || envelope.origin() == Envelope.Origin.SHADOW) {
      return Optional.empty();
    }
    return Optional.of(new IncomingRequest(envelope,
        new ShadowRequest(topic.shadow(), topic.operation(), envelope.payload())));
  }
}
