package io.tributary.ingest.route;

/** A local recipient of messages: one connected session. */
public interface Subscriber {
  /** Client id of the session, for no-local filtering. */
  String clientId();

  /**
   * Called on the feed thread for each message that matches one or more of this subscriber's
   * filters, in Kafka order per partition. Must not block: implementations hand off to their own
   * event loop.
   */
  void deliver(Delivery delivery);
}
