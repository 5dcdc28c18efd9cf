package io.tributary.server.shadow;

import io.tributary.core.envelope.Envelope;
import io.tributary.ingest.route.Delivery;
import io.tributary.ingest.route.Subscriber;
import io.tributary.streams.shadow.RestEnvelopes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * The node's internal subscriber to {@code $tributary/replies/{nodeId}/#}: completes the pending REST
 * call a reply answers, on that call's context. A call with no reply in time fails with a timeout.
 */
final class ShadowReplies implements Subscriber {
  private final Vertx vertx;
  private final String nodeId;
  private final long timeoutMillis;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  private record Pending(Promise<RestEnvelopes.Reply> promise, Context context, long timer) {}

  ShadowReplies(Vertx vertx, String nodeId, long timeoutMillis) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.timeoutMillis = timeoutMillis;
  }

  /** The filter to subscribe this subscriber to. */
  String filter() {
    return RestEnvelopes.replyFilter(nodeId);
  }

  /** Registers a call awaiting {@code requestId}'s reply; call on the request's context. */
  Future<RestEnvelopes.Reply> expect(String requestId) {
    Context context = vertx.getOrCreateContext();
    Promise<RestEnvelopes.Reply> promise = Promise.promise();
    long timer = vertx.setTimer(timeoutMillis, id -> {
      if (pending.remove(requestId) != null) {
        promise.tryFail(new TimeoutException("no answer from the shadow job within " + timeoutMillis + " ms"));
      }
    });
    pending.put(requestId, new Pending(promise, context, timer));
    return promise.future();
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
}
