package io.tributary.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetClient;

/**
 * A thin MQTT 3.1.1 client on Netty's codec over a Vert.x socket: just what a load generator needs
 * (CONNECT, PUBLISH QoS 0/1 with PUBACK callbacks, SUBSCRIBE, receiving with automatic PUBACK, keep
 * alive), with the socket's write-queue state exposed for backpressure. Every method must be called
 * on the client's event loop ({@link #context()}).
 */
final class BenchClient {

  /** What the client reports to its owner; called on the client's event loop. */
  interface Listener {
    /** A QoS 1 publish with {@code packetId} was acknowledged. */
    default void onPubAck(int packetId) {}

    /** A message arrived; {@code payload} is released after the call returns. */
    default void onMessage(String topic, ByteBuf payload) {}

    /** The connection closed (by either side). */
    default void onClose() {}
  }

  private final NetSocketInternal socket;
  private final Context context;
  private final String clientId;
  private Listener listener = new Listener() {};
  private Promise<Void> connected;
  private Promise<Void> subscribed;
  private int subscribePacketId;
  private int nextPacketId;
  private boolean closed;

  private BenchClient(NetSocketInternal socket, Context context, String clientId) {
    this.socket = socket;
    this.context = context;
    this.clientId = clientId;
  }

  /** Opens a TCP connection with {@code net} and completes after a successful CONNACK. */
  static Future<BenchClient> connect(Vertx vertx, NetClient net, String host, int port, String clientId,
                                     int keepAliveSeconds) {
    return net.connect(port, host).compose(so -> {
      NetSocketInternal soi = (NetSocketInternal) so;
      ChannelPipeline pipeline = soi.channelHandlerContext().pipeline();
      pipeline.addBefore("handler", "mqttEncoder", MqttEncoder.INSTANCE);
      pipeline.addBefore("handler", "mqttDecoder", new MqttDecoder(1 << 20));
      BenchClient client = new BenchClient(soi, Vertx.currentContext(), clientId);
      return client.start(vertx, keepAliveSeconds).map(client);
    });
  }

  private Future<Void> start(Vertx vertx, int keepAliveSeconds) {
    connected = Promise.promise();
    long pinger = keepAliveSeconds <= 0 ? -1 : vertx.setPeriodic(keepAliveSeconds * 500L, id -> {
      if (!closed) {
        socket.writeMessage(MqttMessage.PINGREQ);
      }
    });
    socket.messageHandler(this::handle);
    socket.closeHandler(v -> {
      if (pinger >= 0) {
        vertx.cancelTimer(pinger);
      }
      onClosed();
    });
    socket.exceptionHandler(err -> socket.close());
    socket.writeMessage(MqttMessageBuilders.connect().clientId(clientId).cleanSession(true)
        .keepAlive(keepAliveSeconds).protocolVersion(MqttVersion.MQTT_3_1_1).build());
    return connected.future();
  }

  void listener(Listener listener) {
    this.listener = listener;
  }

  /** The current listener (a no-op one until {@link #listener(Listener)} is called). */
  Listener listener() {
    return listener;
  }

  Context context() {
    return context;
  }

  String clientId() {
    return clientId;
  }

  boolean isClosed() {
    return closed;
  }

  /** Subscribes to one filter at {@code qos}; completes on SUBACK. One subscribe at a time. */
  Future<Void> subscribe(String filter, int qos) {
    return subscribe(new String[] {filter}, qos);
  }

  /** Subscribes to up to the broker's per-packet limit of filters at once; completes on SUBACK. */
  Future<Void> subscribe(String[] filters, int qos) {
    subscribed = Promise.promise();
    subscribePacketId = nextId();
    MqttMessageBuilders.SubscribeBuilder builder = MqttMessageBuilders.subscribe().messageId(subscribePacketId);
    for (String filter : filters) {
      builder.addSubscription(MqttQoS.valueOf(qos), filter);
    }
    socket.writeMessage(builder.build());
    return subscribed.future();
  }

  /**
   * Publishes {@code payload}; the buffer is released once written. For QoS 1 the caller picks
   * {@code packetId} (1..65535, not in flight) and is told of the PUBACK through the listener.
   */
  void publish(String topic, ByteBuf payload, int qos, int packetId) {
    socket.writeMessage(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.valueOf(qos))
        .messageId(qos == 0 ? 0 : packetId).payload(payload).retained(false).build());
  }

  /**
   * Like {@link #publish(String, ByteBuf, int, int)}, but leaves the packet in the socket's
   * outbound buffer until {@link #flush()}: a burst of publishes then costs one write to the
   * socket, not one each. (Vert.x flushes every write made outside a read at once; writes made while
   * handling a read are flushed together when the read completes.)
   */
  void publishUnflushed(String topic, ByteBuf payload, int qos, int packetId) {
    socket.channelHandlerContext().write(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.valueOf(qos))
        .messageId(qos == 0 ? 0 : packetId).payload(payload).retained(false).build());
  }

  /** Writes what {@link #publishUnflushed} left in the outbound buffer to the socket. */
  void flush() {
    socket.channelHandlerContext().flush();
  }

  /** Publishes the bytes at QoS 0 (for one-off requests such as a shadow probe). */
  void publish(String topic, byte[] payload) {
    publish(topic, Unpooled.wrappedBuffer(payload), 0, 0);
  }

  boolean writeQueueFull() {
    return socket.writeQueueFull();
  }

  /** Runs {@code action} once when the socket's write queue has drained. */
  void onDrain(Runnable action) {
    socket.drainHandler(v -> {
      socket.drainHandler(null);
      action.run();
    });
  }

  /** Sends DISCONNECT and closes the socket. */
  Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    socket.writeMessage(MqttMessage.DISCONNECT);
    return socket.close();
  }

  private int nextId() {
    nextPacketId = nextPacketId % 65535 + 1;
    return nextPacketId;
  }

  private void handle(Object msg) {
    try {
      if (!(msg instanceof MqttMessage m) || m.decoderResult().isFailure()) {
        socket.close();
        return;
      }
      switch (m.fixedHeader().messageType()) {
        case CONNACK -> onConnAck((MqttConnAckMessage) m);
        case PUBACK -> listener.onPubAck(((MqttMessageIdVariableHeader) m.variableHeader()).messageId());
        case SUBACK -> onSubAck(((MqttMessageIdVariableHeader) m.variableHeader()).messageId());
        case PUBLISH -> onPublish((MqttPublishMessage) m);
        default -> { }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onConnAck(MqttConnAckMessage ack) {
    MqttConnectReturnCode code = ack.variableHeader().connectReturnCode();
    if (code == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
      connected.tryComplete();
    } else {
      connected.tryFail("CONNACK " + code + " for " + clientId);
      socket.close();
    }
  }

  private void onSubAck(int packetId) {
    if (subscribed != null && packetId == subscribePacketId) {
      Promise<Void> done = subscribed;
      subscribed = null;
      done.complete();
    }
  }

  private void onPublish(MqttPublishMessage publish) {
    if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
      socket.writeMessage(MqttMessageBuilders.pubAck().packetId(publish.variableHeader().packetId()).build());
    }
    listener.onMessage(publish.variableHeader().topicName(), publish.payload());
  }

  private void onClosed() {
    if (closed) {
      return;
    }
    closed = true;
    if (connected != null) {
      connected.tryFail("connection closed before CONNACK: " + clientId);
    }
    if (subscribed != null) {
      subscribed.tryFail("connection closed before SUBACK: " + clientId);
    }
    listener.onClose();
  }
}
