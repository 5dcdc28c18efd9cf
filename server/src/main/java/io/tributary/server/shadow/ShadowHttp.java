package io.tributary.server.shadow;

import io.tributary.core.config.TributaryConfig;
import io.tributary.ingest.broker.BrokerContext;
import io.tributary.shadow.ShadowService;
import io.tributary.streams.shadow.ShadowJob;
import io.tributary.streams.shadow.ShadowJobConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import java.util.UUID;

/**
 * Mounts the shadow REST data plane on the node's router; the node subscribes to its REST replies
 * while REST calls are made ({@link ShadowReplies}). {@link #close()} unsubscribes; call it before
 * the gateway stops.
 *
 * <pre>{@code
 * ShadowHttp http = ShadowHttp.mount(router, gateway.broker(), shadowJob, config);
 * }</pre>
 */
public final class ShadowHttp implements AutoCloseable {
  static final String SHADOW = "/things/:thingName/shadow";
  static final String LIST = "/api/things/shadow/ListNamedShadowsForThing/:thingName";

  private final BrokerContext broker;
  private final ShadowReplies replies;
  private final Forwarder forwarder;

  private ShadowHttp(BrokerContext broker, ShadowReplies replies, Forwarder forwarder) {
    this.broker = broker;
    this.replies = replies;
    this.forwarder = forwarder;
  }

  public static ShadowHttp mount(Router router, BrokerContext broker, ShadowJob job, TributaryConfig config) {
    ShadowService service = new ShadowService(ShadowJobConfig.limits(config.shadow));
    long timeout = config.shadow.restTimeoutMillis;
    ShadowReplies replies = new ShadowReplies(broker.vertx(), broker.feed(), broker.nodeId(), timeout);
    Forwarder forwarder = new Forwarder(broker.vertx(), timeout);
    ShadowReads reads = new ShadowReads(broker, job, service, forwarder);
    ShadowWrites writes = new ShadowWrites(broker, service, replies);

    router.get(SHADOW).handler(reads::get);
    router.post(SHADOW)
        .handler(BodyHandler.create(false).setBodyLimit(config.mqtt.maxPayloadBytes))
        .handler(writes::update)
        .failureHandler(ShadowHttp::failed);
    router.delete(SHADOW).handler(writes::delete);
    router.route(SHADOW).handler(ShadowHttp::methodNotAllowed);
    router.get(LIST).handler(reads::list);
    router.route(LIST).handler(ShadowHttp::methodNotAllowed);
    return new ShadowHttp(broker, replies, forwarder);
  }

  /** REST calls waiting for the job's answer (for tests and metrics). */
  public int pendingWrites() {
    return replies.pendingCount();
  }

  private static void methodNotAllowed(RoutingContext rc) {
    Answers.error(rc, 405, "MethodNotAllowedException", "Method Not Allowed", UUID.randomUUID().toString());
  }

  private static void failed(RoutingContext rc) {
    String requestId = UUID.randomUUID().toString();
    if (rc.statusCode() == 413) {
      Answers.error(rc, 413, "RequestEntityTooLargeException", "The payload exceeds the maximum size allowed", requestId);
    } else {
      Answers.send(rc, 500, Optional.of("InternalFailureException"),
          Buffer.buffer(new JsonObject().put("message", "Internal service failure").encode()), requestId);
    }
  }

  @Override
  public void close() {
    replies.close();
    forwarder.close();
  }
}
