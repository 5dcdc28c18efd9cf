package io.tributary.server.shadow;

import io.tributary.ingest.auth.Action;
import io.tributary.ingest.broker.BrokerContext;
import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowNames;
import io.tributary.shadow.ShadowRateLimiter;
import io.tributary.shadow.ShadowService;
import io.tributary.streams.shadow.NamedShadowPage;
import io.tributary.streams.shadow.ShadowJob;
import io.tributary.streams.shadow.ShadowLocation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@code GET /things/{thingName}/shadow[?name=]} and {@code GET /api/things/shadow/ListNamedShadowsForThing/{thingName}}:
 * answered from the shadow store of the node that owns the thing, here or by forwarding. Reads are
 * rate-limited per thing on this node; writes are limited by the job.
 */
final class ShadowReads {
  /** Page size of ListNamedShadowsForThing when the caller gives none. */
  static final int DEFAULT_PAGE_SIZE = 25;

  private final BrokerContext broker;
  private final ShadowJob job;
  private final ShadowService service;
  private final ShadowRateLimiter limiter;
  private final Forwarder forwarder;

  ShadowReads(BrokerContext broker, ShadowJob job, ShadowService service, Forwarder forwarder) {
    this.broker = broker;
    this.job = job;
    this.service = service;
    this.limiter = new ShadowRateLimiter(service.limits());
    this.forwarder = forwarder;
  }

  void get(RoutingContext rc) {
    String requestId = UUID.randomUUID().toString();
    ShadowId shadow = Calls.shadow(rc);
    if (!Calls.validNames(shadow)) {
      Answers.send(rc, service.restGet(shadow, Optional.empty(), broker.now()), requestId);
      return;
    }
    if (!acquire(shadow.thingName())) {
      Answers.send(rc, service.restThrottled(), requestId);
      return;
    }
    atOwner(rc, Action.GET_THING_SHADOW, shadow.thingName(), requestId, () -> job.read(shadow.thingName(), shadow.shadowName()),
        current -> Answers.send(rc, service.restGet(shadow, current, broker.now()), requestId));
  }

  void list(RoutingContext rc) {
    String requestId = UUID.randomUUID().toString();
    String thing = rc.pathParam("thingName");
    if (!ShadowNames.isValidThingName(thing)) {
      Answers.error(rc, 400, "InvalidRequestException", "Invalid thing name", requestId);
      return;
    }
    int pageSize;
    try {
      String param = rc.queryParams().get("pageSize");
      pageSize = param == null ? DEFAULT_PAGE_SIZE : Integer.parseInt(param);
    } catch (NumberFormatException e) {
      pageSize = 0;
    }
    if (pageSize < 1 || pageSize > 100) {
      Answers.error(rc, 400, "InvalidRequestException", "pageSize must be between 1 and 100", requestId);
      return;
    }
    if (!acquire(thing)) {
      Answers.send(rc, service.restThrottled(), requestId);
      return;
    }
    int size = pageSize;
    String token = rc.queryParams().get("nextToken");
    atOwner(rc, Action.LIST_NAMED_SHADOWS, thing, requestId, () -> job.listNamedShadows(thing, size, token), page -> sendPage(rc, page, requestId));
  }

  private void sendPage(RoutingContext rc, NamedShadowPage page, String requestId) {
    JsonObject body = new JsonObject().put("results", new JsonArray(page.results()));
    page.nextToken().ifPresent(next -> body.put("nextToken", next));
    body.put("timestamp", broker.now() / 1000);
    Answers.send(rc, 200, Optional.empty(), body.toBuffer(), requestId);
  }

  /** Runs {@code read} on this node's store if it owns {@code thing}, or forwards the call to the owner. */
  private <T> void atOwner(RoutingContext rc, Action action, String thing, String requestId,
      java.util.concurrent.Callable<T> read, Consumer<T> answer) {
    ShadowLocation location = job.locate(thing);
    if (location.kind() == ShadowLocation.Kind.REMOTE && rc.request().getHeader(Calls.FORWARDED) == null) {
      Calls.authorize(broker, rc, requestId, action, thing)
          .onSuccess(p -> forwarder.forward(rc, location.host().orElseThrow(), requestId));
      return;
    }
    if (!location.isLocal()) {
      Answers.unavailable(rc, "the shadow service is starting or rebalancing; retry", requestId);
      return;
    }
    Calls.authorize(broker, rc, requestId, action, thing)
        .compose(p -> broker.vertx().executeBlocking(read, false))
        .onSuccess(answer::accept)
        .onFailure(error -> {
          if (error instanceof IllegalArgumentException) {
            Answers.error(rc, 400, "InvalidRequestException", error.getMessage(), requestId);
          } else {
            Answers.unavailable(rc, String.valueOf(error.getMessage()), requestId);
          }
        });
  }

  private boolean acquire(String thing) {
    synchronized (limiter) {
      return limiter.tryAcquire(thing, broker.now());
    }
  }
}
