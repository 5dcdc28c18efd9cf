package io.tributary.ingest.broker;

import io.tributary.core.envelope.Envelope;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes wills, at once or after the MQTT 5 will delay. A delayed will is cancelled when the
 * client id connects again before it fires, on this node or (seen through the sessions topic) on
 * any other.
 */
public final class WillScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(WillScheduler.class);

  private final Vertx vertx;
  private final Publisher publisher;
  private final Map<String, Long> pending = new ConcurrentHashMap<>();

  public WillScheduler(Vertx vertx, Publisher publisher) {
    this.vertx = vertx;
    this.publisher = publisher;
  }

  /** Publishes {@code will} after {@code delayMillis} (0: now) unless cancelled. */
  public void schedule(String clientId, Envelope will, long delayMillis, Context ctx) {
    if (delayMillis <= 0) {
      publish(will, ctx);
      return;
    }
    long timer = vertx.setTimer(delayMillis, id -> {
      if (pending.remove(clientId, id)) {
        ctx.runOnContext(v -> publish(will.withReceivedAt(System.currentTimeMillis()), ctx));
      }
    });
    Long previous = pending.put(clientId, timer);
    if (previous != null) {
      vertx.cancelTimer(previous);
    }
  }

  /** The client id connected again: its pending will is not sent. */
  public void cancel(String clientId) {
    Long timer = pending.remove(clientId);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  public int pendingCount() {
    return pending.size();
  }

  private void publish(Envelope will, Context ctx) {
    publisher.publish(will, ctx).onFailure(err ->
        LOG.warn("will of {} on {} not published: {}", will.clientId(), will.topic(), err.toString()));
  }
}
