package io.tributary.ingest.http;

import io.tributary.ingest.broker.BrokerContext;
import io.tributary.ingest.mqtt.MqttListener;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** Mounts the gateway's HTTP routes on the node's router. */
public final class DataPlaneRoutes {
  private final BrokerContext broker;

  public DataPlaneRoutes(BrokerContext broker) {
    this.broker = broker;
  }

  public void mount(Router router) {
    HttpPublish publish = new HttpPublish(broker);
    RetainedApi retained = new RetainedApi(broker);
    router.post("/topics/*")
        .handler(BodyHandler.create(false).setBodyLimit(broker.limits().maxPayloadBytes))
        .handler(publish::handle)
        .failureHandler(rc -> {
          if (rc.statusCode() == 413) {
            AwsErrors.send(rc, 413, "RequestEntityTooLargeException",
                "Message payload exceeds size limit for message type.");
          } else {
            AwsErrors.send(rc, 500, "InternalFailureException", "internal error");
          }
        });
    router.get("/retainedMessage").handler(retained::list);
    router.get("/retainedMessage/*").handler(retained::get);
    router.route("/mqtt").handler(rc -> rc.request().toWebSocket()
        .onSuccess(ws -> MqttListener.adopt(broker, ws, Vertx.currentContext()))
        .onFailure(err -> {
          if (!rc.response().ended()) {
            rc.response().setStatusCode(400).end("MQTT over WebSocket needs a WebSocket upgrade request");
          }
        }));
  }
}
