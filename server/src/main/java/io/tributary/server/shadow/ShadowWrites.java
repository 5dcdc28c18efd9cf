package io.tributary.server.shadow;

import io.tributary.ingest.auth.Action;
import io.tributary.core.envelope.Envelope;
import io.tributary.ingest.broker.BrokerContext;
import io.tributary.shadow.RestResponse;
import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowOperation;
import io.tributary.shadow.ShadowRequest;
import io.tributary.shadow.ShadowService;
import io.tributary.streams.shadow.RestEnvelopes;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST} and {@code DELETE /things/{thingName}/shadow[?name=]}: the call is published on the
 * shadow's request topic and answered by the shadow job, so it is serialized with the MQTT requests
 * of the same shadow. No answer within {@code shadow.restTimeoutMillis} → 503.
 */
final class ShadowWrites {
  private final BrokerContext broker;
  private final ShadowService service;
  private final ShadowReplies replies;

  ShadowWrites(BrokerContext broker, ShadowService service, ShadowReplies replies) {
    this.broker = broker;
    this.service = service;
    this.replies = replies;
  }

  void update(RoutingContext rc) {
    byte[] body = rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
    handle(rc, ShadowOperation.UPDATE, body);
  }

  void delete(RoutingContext rc) {
    handle(rc, ShadowOperation.DELETE, new byte[0]);
  }

  private void handle(RoutingContext rc, ShadowOperation operation, byte[] body) {
    String requestId = UUID.randomUUID().toString();
    ShadowId shadow = Calls.shadow(rc);
    if (!Calls.validNames(shadow)) {
      RestResponse invalid = operation == ShadowOperation.UPDATE
          ? service.restUpdate(shadow, body, Optional.empty(), 0, broker.now())
          : service.restDelete(shadow, Optional.empty(), broker.now());
      Answers.send(rc, invalid, requestId);
      return;
    }
    Action action = operation == ShadowOperation.UPDATE ? Action.UPDATE_THING_SHADOW : Action.DELETE_THING_SHADOW;
    Calls.authorize(broker, rc, requestId, action, shadow.thingName()).onSuccess(principal -> {
      String replyTopic = RestEnvelopes.replyTopic(broker.nodeId(), requestId);
      Envelope request = RestEnvelopes.request(new ShadowRequest(shadow, operation, body), replyTopic,
          principal.id(), broker.nodeId(), broker.now(), requestId);
      Context context = Vertx.currentContext();
      ShadowReplies.Call call = replies.expect(requestId);
      call.reply().onComplete(reply -> {
        if (reply.succeeded()) {
          Answers.send(rc, reply.result(), requestId);
        } else {
          Answers.unavailable(rc, reply.cause().getMessage(), requestId);
        }
      });
      // Published once the node listens for the reply (at once, unless no REST call came for a while).
      call.listening().onSuccess(v -> broker.publisher().publish(request, context).onFailure(error -> {
        replies.cancel(requestId);
        Answers.unavailable(rc, "request not stored: " + error.getMessage(), requestId);
      }));
    });
  }
}
