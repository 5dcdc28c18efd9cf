package io.tributary.connectors;

import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.Mqtt5Properties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Records the rules engine writes to the message topic, and the header that bounds republish loops.
 *
 * <p>AWS IoT evaluates a republished message against every rule, the republishing rule included,
 * so a rule whose republish topic matches its own FROM filter loops (the AWS developer guide warns
 * about it under "Creating a rule"). Tributary does the same but counts the hops in the
 * {@value #HOPS_HEADER} record header and stops evaluating rules on a message that already went
 * through {@value #MAX_HOPS} republishes.
 */
public final class RuleRecords {
  /** Kafka record header: how many republishes led to this message (absent on device messages). */
  public static final String HOPS_HEADER = "tributary.rule-hops";
  /** Messages with this many hops are delivered to subscribers but no longer evaluated by rules. */
  public static final int MAX_HOPS = 8;

  private RuleRecords() {}

  /** The hop count a message carries; 0 without the header or with a malformed one. */
  public static int hops(Headers headers) {
    Header h = headers.lastHeader(HOPS_HEADER);
    if (h == null) {
      return 0;
    }
    try {
      return Integer.parseInt(new String(h.value(), StandardCharsets.UTF_8));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The header value for a message republished from one with {@code hops}. */
  public static byte[] nextHops(int hops) {
    return Integer.toString(hops + 1).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The envelope of a republished message (origin {@link Envelope.Origin#RULE}). It has no client
   * id, so a subscriber's MQTT 5 no-local option never hides it, and a fresh trace id.
   */
  public static Envelope republished(Target.Republish target, byte[] payload, String nodeId, long nowMillis) {
    List<Mqtt5Properties.UserProperty> user = new ArrayList<>(target.userProperties().size());
    for (Target.Header h : target.userProperties()) {
      user.add(new Mqtt5Properties.UserProperty(h.key(), h.value()));
    }
    Mqtt5Properties props = new Mqtt5Properties(target.contentType(), target.payloadFormat(), target.responseTopic(),
        target.correlationData(), target.messageExpiry(), user);
    return new Envelope(target.topic(), payload, target.qos(), false, "", null, null, nowMillis,
        Envelope.Origin.RULE, props, nodeId, UUID.randomUUID().toString());
  }
}
