package io.tributary.ingest.route;

import io.tributary.core.envelope.Envelope;

/**
 * One message for one subscriber, after overlapping subscriptions were merged: the highest
 * granted QoS applies and every matching subscription identifier is carried.
 *
 * @param envelope the message
 * @param partition message-topic partition, or -1 for messages that do not come from the log (retained)
 * @param offset offset within the partition
 * @param qos effective QoS: min(published, granted)
 * @param retain retain flag to send
 * @param subscriptionIds identifiers of the matching subscriptions (MQTT 5), possibly empty
 * @param routedUntil every record of {@code partition} before this offset has been routed to the
 *     recipient's subscriptions. {@code offset + 1} for messages read from the log in order; lower
 *     for a message delivered on the publishing node as soon as Kafka acknowledged it, ahead of
 *     records from other nodes that the feed has not read yet. A session's stored position never
 *     passes it.
 */
public record Delivery(Envelope envelope, int partition, long offset, int qos, boolean retain, int[] subscriptionIds,
    long routedUntil) {
  public static final int[] NO_IDS = new int[0];

  /** A delivery of a message read from the log in order (or of a retained message, partition -1). */
  public Delivery(Envelope envelope, int partition, long offset, int qos, boolean retain, int[] subscriptionIds) {
    this(envelope, partition, offset, qos, retain, subscriptionIds, offset + 1);
  }
}
