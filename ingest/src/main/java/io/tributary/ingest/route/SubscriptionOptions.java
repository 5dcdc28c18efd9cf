package io.tributary.ingest.route;

/**
 * Options of one subscription, as granted.
 *
 * @param qos granted maximum QoS
 * @param noLocal do not deliver messages the subscriber published itself
 * @param retainAsPublished forward the retain flag as published instead of clearing it
 * @param retainHandling 0 send retained at subscribe, 1 only for a new subscription, 2 never
 * @param subscriptionId MQTT 5 subscription identifier, or 0 when none
 */
public record SubscriptionOptions(int qos, boolean noLocal, boolean retainAsPublished, int retainHandling,
    int subscriptionId) {

  public static SubscriptionOptions ofQos(int qos) {
    return new SubscriptionOptions(qos, false, false, 0, 0);
  }
}
