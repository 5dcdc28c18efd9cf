package io.tributary.ingest.mqtt;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.tributary.ingest.broker.BrokerContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;

/** Accepts MQTT connections over TCP or TLS, and adopts MQTT-over-WebSocket connections. */
public final class MqttListener {
  private final BrokerContext broker;
  private NetServer server;

  public MqttListener(BrokerContext broker) {
    this.broker = broker;
  }

  /** Binds a TCP listener (TLS when {@code tls} is given); port 0 picks a free port. */
  public Future<Integer> listen(Vertx vertx, String host, int port, KeyCertOptions tls) {
    NetServerOptions options = new NetServerOptions().setHost(host).setPort(port)
        .setTcpNoDelay(true).setReuseAddress(true).setAcceptBacklog(4096);
    if (tls != null) {
      options.setSsl(true).setKeyCertOptions(tls);
    }
    server = vertx.createNetServer(options);
    server.connectHandler(so -> {
      NetSocketInternal soi = (NetSocketInternal) so;
      DirectWrites.apply(soi); // the connection writes on this event loop only
      ChannelPipeline pipeline = soi.channelHandlerContext().pipeline();
      // Writes outside a read (PUBACKs as Kafka acknowledges, deliveries from the feed) each ask for a
      // flush; Netty's handler turns the flushes of one event-loop pass into one write to the socket.
      pipeline.addBefore("handler", "flushConsolidation", new FlushConsolidationHandler(
          FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
      pipeline.addBefore("handler", "mqttEncoder", MqttEncoder.INSTANCE);
      pipeline.addBefore("handler", "mqttDecoder", new MqttDecoder(broker.limits().maxPacketBytes, 65535));
      MqttConnection conn = new MqttConnection(broker, new TcpTransport(soi, tls != null), Vertx.currentContext());
      soi.messageHandler(conn::handle);
      soi.closeHandler(v -> conn.onTransportClosed());
      soi.exceptionHandler(err -> conn.onTransportClosed());
    });
    return server.listen().map(NetServer::actualPort);
  }

  /** Runs MQTT over an accepted WebSocket ({@code /mqtt}). */
  public static void adopt(BrokerContext broker, ServerWebSocket ws, Context ctx) {
    WebSocketTransport transport = new WebSocketTransport(ws, broker.limits().maxPacketBytes);
    MqttConnection conn = new MqttConnection(broker, transport, ctx);
    transport.start(conn::handle);
    ws.closeHandler(v -> conn.onTransportClosed());
    ws.exceptionHandler(err -> conn.onTransportClosed());
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
