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
 */
public record Delivery(Envelope envelope, int partition, long offset, int qos, boolean retain, int[] subscriptionIds) {
  public static final int[] NO_IDS = new int[0];
}
