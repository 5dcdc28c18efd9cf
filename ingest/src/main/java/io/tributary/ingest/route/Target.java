package io.tributary.ingest.route;

/** A value in the subscription index: a plain subscription, or a shared-subscription group. */
sealed interface Target permits Target.Plain, SharedGroup {

  /** A subscription of one subscriber to one filter. Identity equality: one per (subscriber, filter). */
  final class Plain implements Target {
    final Subscriber subscriber;
    final String filter;
    SubscriptionOptions options;
    /** The index's generation when this subscription was made or last changed. */
    long generation;

    Plain(Subscriber subscriber, String filter, SubscriptionOptions options) {
      this.subscriber = subscriber;
      this.filter = filter;
      this.options = options;
    }
  }
}
