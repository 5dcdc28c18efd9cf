package io.tributary.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetClient;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A thin MQTT 3.1.1 client over a Vert.x socket: just what a load generator needs (CONNECT,
 * PUBLISH QoS 0/1 with PUBACK callbacks, SUBSCRIBE, receiving with automatic PUBACK, keep alive),
 * with the socket's write-queue state exposed for backpressure. Every method must be called on the
 * client's event loop ({@link #context()}).
 *
 * <p>The generator shares the machine's cores with the broker it measures, so its own cost per
 * message matters: what it spends, the broker cannot. PUBLISH and PUBACK, the packets of every
 * message, are therefore written and read as bytes ({@link Frames}), without codec message objects
 * or Vert.x's outbound queue; writes made while handling a read are flushed once, when the read
 * completes. The rare control packets (CONNECT, SUBSCRIBE, PINGREQ, DISCONNECT) go through Netty's
 * MQTT encoder.
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

  private static final int PUBLISH = 3;
  private static final int CONNACK = 2;
  private static final int PUBACK = 4;
  private static final int SUBACK = 9;

  private final NetSocketInternal socket;
  private final ChannelHandlerContext out;
  private final Context context;
  private final String clientId;
  private Listener listener = new Listener() {};
  private Promise<Void> connected;
  private Promise<Void> subscribed;
  private int subscribePacketId;
  private int nextPacketId;
  private boolean closed;
  /** True from the first chunk of a read until the read completes: writes meanwhile wait for its end. */
  private boolean inRead;
  /** Packets written to the channel and not flushed yet. */
  private boolean unflushed;
  /** Waits for the channel to become writable again ({@link #onDrain}); null when nothing waits. */
  private Runnable drain;
  /** The last topic published to, and its UTF-8 bytes: a publisher mostly repeats its topic. */
  private String lastTopic;
  private byte[] lastTopicBytes;

  private BenchClient(NetSocketInternal socket, Context context, String clientId) {
    this.socket = socket;
    this.out = socket.channelHandlerContext();
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
      BenchClient client = new BenchClient(soi, Vertx.currentContext(), clientId);
      pipeline.addBefore("handler", "mqttFrames", client.new Frames());
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
   * Publishes {@code payload} (copied: the caller keeps the buffer). For QoS 1 the caller picks
   * {@code packetId} (1..65535, not in flight) and is told of the PUBACK through the listener.
   * Flushed at once, or with the other writes of the read being handled.
   */
  void publish(String topic, ByteBuf payload, int qos, int packetId) {
    publishUnflushed(topic, payload, qos, packetId);
    if (!inRead) {
      flush();
    }
  }

  /**
   * Like {@link #publish(String, ByteBuf, int, int)}, but leaves the packet in the socket's
   * outbound buffer until {@link #flush()}: a burst of publishes then costs one write to the
   * socket, not one each.
   */
  void publishUnflushed(String topic, ByteBuf payload, int qos, int packetId) {
    if (topic != lastTopic) {
      lastTopic = topic;
      lastTopicBytes = topic.getBytes(StandardCharsets.UTF_8);
    }
    byte[] t = lastTopicBytes;
    int length = payload.readableBytes();
    int remaining = 2 + t.length + (qos > 0 ? 2 : 0) + length;
    ByteBuf b = out.alloc().ioBuffer(5 + remaining);
    b.writeByte(PUBLISH << 4 | qos << 1);
    writeRemainingLength(b, remaining);
    b.writeShort(t.length).writeBytes(t);
    if (qos > 0) {
      b.writeShort(packetId);
    }
    b.writeBytes(payload, payload.readerIndex(), length);
    write(b);
  }

  /** Writes what {@link #publishUnflushed} left in the outbound buffer to the socket. */
  void flush() {
    if (unflushed) {
      unflushed = false;
      out.flush();
    }
  }

  private void write(ByteBuf packet) {
    out.write(packet, out.voidPromise());
    unflushed = true;
  }

  private static void writeRemainingLength(ByteBuf b, int value) {
    do {
      int digit = value & 0x7F;
      value >>>= 7;
      b.writeByte(value > 0 ? digit | 0x80 : digit);
    } while (value > 0);
  }

  /** Publishes the bytes at QoS 0 (for one-off requests such as a shadow probe). */
  void publish(String topic, byte[] payload) {
    publish(topic, Unpooled.wrappedBuffer(payload), 0, 0);
  }

  /**
   * True while the channel's outbound buffer is above its high-water mark. PUBLISH packets are
   * written to the channel directly, past Vert.x's write queue, so Vert.x's own
   * {@code writeQueueFull} would not see them: the channel's writability counts every byte written
   * and not yet sent, flushed or not.
   */
  boolean writeQueueFull() {
    return !out.channel().isWritable();
  }

  /** Runs {@code action} once, on this client's event loop, when the channel is writable again. */
  void onDrain(Runnable action) {
    if (out.channel().isWritable()) {
      context.runOnContext(v -> action.run());
    } else {
      drain = action; // run by Frames when the channel's writability comes back
    }
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

  /**
   * MQTT 3.1.1 frames from the broker, read straight from the bytes: CONNACK, SUBACK, PUBACK and
   * PUBLISH (QoS 0/1, acknowledged with a PUBACK); PINGRESP and anything else is skipped. A
   * remaining length over four bytes closes the connection.
   */
  private final class Frames extends ByteToMessageDecoder {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      inRead = true;
      super.channelRead(ctx, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
      inRead = false;
      flush(); // the PUBACKs and refills written while handling the read, in one socket write
      super.channelReadComplete(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
      Runnable waiting = drain;
      if (waiting != null && ctx.channel().isWritable()) {
        drain = null;
        context.runOnContext(v -> waiting.run()); // not inside the flush that drained the buffer
      }
      super.channelWritabilityChanged(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> ignored) {
      while (in.readableBytes() >= 2 && !closed) {
        int start = in.readerIndex();
        int i = start + 1;
        int length = 0;
        int shift = 0;
        int digit;
        do {
          if (i == in.writerIndex()) {
            return; // the length is not complete yet
          }
          if (shift == 28) {
            socket.close();
            in.skipBytes(in.readableBytes());
            return;
          }
          digit = in.getUnsignedByte(i++);
          length |= (digit & 0x7F) << shift;
          shift += 7;
        } while ((digit & 0x80) != 0);
        if (in.writerIndex() - i < length) {
          return; // the body is not complete yet
        }
        in.readerIndex(i + length);
        frame(in.getUnsignedByte(start), in, i, length);
      }
    }
  }

  private void frame(int header, ByteBuf in, int at, int length) {
    switch (header >>> 4) {
      case CONNACK -> onConnAck(length >= 2 ? in.getUnsignedByte(at + 1) : -1);
      case PUBACK -> listener.onPubAck(in.getUnsignedShort(at));
      case SUBACK -> onSubAck(in.getUnsignedShort(at));
      case PUBLISH -> onPublish(header, in, at, length);
      default -> { } // PINGRESP
    }
  }

  private void onConnAck(int code) {
    if (code == 0) {
      connected.tryComplete();
    } else {
      connected.tryFail("CONNACK return code " + code + " for " + clientId);
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

  private void onPublish(int header, ByteBuf in, int at, int length) {
    int qos = header >>> 1 & 3;
    int topicLength = in.getUnsignedShort(at);
    String topic = in.toString(at + 2, topicLength, StandardCharsets.UTF_8);
    int p = at + 2 + topicLength;
    if (qos > 0) {
      int packetId = in.getUnsignedShort(p);
      p += 2;
      ByteBuf ack = out.alloc().ioBuffer(4);
      ack.writeByte(PUBACK << 4).writeByte(2).writeShort(packetId);
      write(ack); // flushed when the read completes
    }
    listener.onMessage(topic, in.slice(p, at + length - p));
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
