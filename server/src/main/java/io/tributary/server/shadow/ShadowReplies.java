package io.tributary.server.shadow;

import io.tributary.core.envelope.Envelope;
import io.tributary.ingest.route.Delivery;
import io.tributary.ingest.route.MessageFeed;
import io.tributary.ingest.route.Subscriber;
import io.tributary.ingest.route.SubscriptionOptions;
import io.tributary.streams.shadow.RestEnvelopes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * The node's internal subscriber to {@code $tributary/replies/{nodeId}/#}: completes the pending REST
 * call a reply answers, on that call's context. A call with no reply in time fails with a timeout.
 *
 * <p>It subscribes only while REST calls are made: from the first call, until no call has been
 * pending for {@code idleMillis}. A node nobody calls over REST then holds no subscription of its
 * own, and its message feed need not read the message topic at all while no client subscribes
 * either (see {@link MessageFeed}). A call's request is published only once the subscription has
 * taken effect, so its reply, written after the request, is always routed here.
 */
final class ShadowReplies implements Subscriber, AutoCloseable {
  /** How long the subscription outlives the last REST call. */
  static final long IDLE_UNSUBSCRIBE_MILLIS = 60_000;

  private final Vertx vertx;
  private final MessageFeed feed;
  private final String nodeId;
  private final long timeoutMillis;
  private final long idleMillis;
  private final long sweeper;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  /** Completes once the subscription has taken effect; null while not subscribed. Guarded by this. */
  private Future<Void> listening;
  /** When the last call was registered (ms). Guarded by this. */
  private long lastCall;

  private record Pending(Promise<RestEnvelopes.Reply> promise, Context context, long timer) {}

  /**
   * One REST call: {@code listening} completes on the caller's context once its request may be
   * published; {@code reply} completes with the job's answer, or fails on timeout.
   */
  record Call(Future<Void> listening, Future<RestEnvelopes.Reply> reply) {}

  ShadowReplies(Vertx vertx, MessageFeed feed, String nodeId, long timeoutMillis) {
    this(vertx, feed, nodeId, timeoutMillis, IDLE_UNSUBSCRIBE_MILLIS);
  }

  /** With the idle time after which the subscription ends (tests shorten it). */
  ShadowReplies(Vertx vertx, MessageFeed feed, String nodeId, long timeoutMillis, long idleMillis) {
    this.vertx = vertx;
    this.feed = feed;
    this.nodeId = nodeId;
    this.timeoutMillis = timeoutMillis;
    this.idleMillis = idleMillis;
    this.sweeper = vertx.setPeriodic(Math.max(1, idleMillis / 2), id -> unsubscribeIfIdle());
  }

  /** The filter to subscribe this subscriber to. */
  String filter() {
    return RestEnvelopes.replyFilter(nodeId);
  }

  /**
   * Registers a call awaiting {@code requestId}'s reply; call on the request's context, and publish
   * the request once {@link Call#listening()} completes.
   */
  Call expect(String requestId) {
    ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
    Promise<RestEnvelopes.Reply> promise = Promise.promise();
    long timer = vertx.setTimer(timeoutMillis, id -> {
      if (pending.remove(requestId) != null) {
        promise.tryFail(new TimeoutException("no answer from the shadow job within " + timeoutMillis + " ms"));
      }
    });
    Future<Void> subscription;
    synchronized (this) {
      // Under the lock with the idle check: a call registered here keeps the subscription alive.
      pending.put(requestId, new Pending(promise, context, timer));
      lastCall = System.currentTimeMillis();
      if (listening == null) {
        Promise<Void> subscribed = Promise.promise();
        feed.register(this, Map.of(filter(), SubscriptionOptions.ofQos(1)), positions -> subscribed.complete());
        listening = subscribed.future();
      }
      subscription = listening;
    }
    Promise<Void> here = context.promise(); // completes on the caller's context, not the feed's thread
    subscription.onComplete(here);
    return new Call(here.future(), promise.future());
  }

  /** Ends the subscription once no call has been pending for the idle time. */
  private synchronized void unsubscribeIfIdle() {
    if (listening != null && pending.isEmpty() && System.currentTimeMillis() - lastCall >= idleMillis) {
      listening = null;
      feed.unsubscribe(this, filter()); // the feed applies commands in order: a later subscribe follows it
    }
  }

  /** True while subscribed to this node's replies (for tests). */
  synchronized boolean subscribed() {
    return listening != null;
  }

  /** Forgets a call that will get no reply (its request was not stored). */
  void cancel(String requestId) {
    Pending p = pending.remove(requestId);
    if (p != null) {
      vertx.cancelTimer(p.timer());
    }
  }

  int pendingCount() {
    return pending.size();
  }

  @Override
  public String clientId() {
    return "$tributary-replies-" + nodeId;
  }

  @Override
  public void deliver(Delivery delivery) {
    Envelope reply = delivery.envelope();
    Pending p = pending.remove(RestEnvelopes.requestId(reply.topic()));
    if (p == null) {
      return; // timed out already, or a duplicate
    }
    vertx.cancelTimer(p.timer());
    RestEnvelopes.Reply answer = RestEnvelopes.readReply(reply);
    p.context().runOnContext(v -> p.promise().tryComplete(answer));
  }

  @Override
  public synchronized void close() {
    vertx.cancelTimer(sweeper);
    if (listening != null) {
      listening = null;
      feed.unsubscribe(this, filter());
    }
  }
}
