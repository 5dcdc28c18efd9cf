package io.tributary.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * MQTT on a plain socket, packet by packet: Netty's MQTT codec turns packets into bytes and back,
 * and nothing else happens unless the test says so (no keep-alive, no acknowledgements, no
 * DISCONNECT on close). For protocol violations, raw bytes can be written too.
 */
final class RawMqtt implements AutoCloseable {
  /** Netty's codec keeps the protocol version in this channel attribute (MqttCodecUtil). */
  private static final AttributeKey<MqttVersion> VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

  private final Socket socket;
  private final OutputStream out;
  private final EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
  private final EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder(1 << 20));
  private final BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile long closedAtNanos;

  private RawMqtt(int port, MqttVersion version) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    encoder.attr(VERSION).set(version);
    decoder.attr(VERSION).set(version);
    Thread reader = new Thread(this::read, "raw-mqtt-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static RawMqtt open(int port, MqttVersion version) throws IOException {
    return new RawMqtt(port, version);
  }

  /** Opens a socket and completes a CONNECT with a clean session; fails unless CONNACK is a success. */
  static RawMqtt connect(int port, MqttVersion version, String clientId, int keepAliveSeconds) throws Exception {
    RawMqtt raw = open(port, version);
    raw.send(MqttMessageBuilders.connect().protocolVersion(version).clientId(clientId).cleanSession(true)
        .keepAlive(keepAliveSeconds).build());
    raw.expectConnAckSuccess();
    return raw;
  }

  /** Waits for the CONNACK and fails unless it accepted the connection. */
  io.netty.handler.codec.mqtt.MqttConnAckMessage expectConnAckSuccess() throws InterruptedException {
    MqttMessage m = expect(MqttMessageType.CONNACK, Duration.ofSeconds(10));
    var ack = (io.netty.handler.codec.mqtt.MqttConnAckMessage) m;
    if (ack.variableHeader().connectReturnCode().byteValue() != 0) {
      throw new AssertionError("CONNACK refused: " + ack.variableHeader().connectReturnCode());
    }
    return ack;
  }

  void send(MqttMessage m) throws IOException {
    encoder.writeOutbound(m);
    ByteBuf out;
    while ((out = encoder.readOutbound()) != null) {
      try {
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        sendBytes(bytes);
      } finally {
        out.release();
      }
    }
  }

  void sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  void publish(String topic, MqttQoS qos, int packetId, String payload, MqttProperties props) throws IOException {
    send(MqttMessageBuilders.publish().topicName(topic).qos(qos).messageId(packetId).retained(false)
        .payload(Unpooled.wrappedBuffer(payload.getBytes(StandardCharsets.UTF_8))).properties(props).build());
  }

  /** The next packet, or null when none arrives within {@code timeout}. */
  MqttMessage receive(Duration timeout) throws InterruptedException {
    return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next packet, which must be of {@code type}. */
  MqttMessage expect(MqttMessageType type, Duration timeout) throws InterruptedException {
    MqttMessage m = receive(timeout);
    if (m == null) {
      throw new AssertionError("no " + type + " within " + timeout + (isClosed() ? " (connection closed)" : ""));
    }
    if (m.fixedHeader().messageType() != type) {
      throw new AssertionError("expected " + type + " but got " + m);
    }
    return m;
  }

  /** True once the server closed the connection (within {@code timeout}). */
  boolean awaitClosed(Duration timeout) throws InterruptedException {
    return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean isClosed() {
    return closed.getCount() == 0;
  }

  /** When the server closed the connection, in {@link System#nanoTime()} terms. */
  long closedAtNanos() {
    return closedAtNanos;
  }

  private void read() {
    byte[] buf = new byte[8192];
    // The stream is not closed here: closing it would close the socket under a concurrent send.
    try {
      InputStream in = socket.getInputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        decoder.writeInbound(Unpooled.copiedBuffer(buf, 0, n));
        Object m;
        while ((m = decoder.readInbound()) != null) {
          if (m instanceof MqttMessage mm) {
            received.add(mm);
          } else {
            ReferenceCountUtil.release(m);
          }
        }
      }
    } catch (IOException e) {
      // reset by the peer or closed by us: either way the connection is over
    } finally {
      closedAtNanos = System.nanoTime();
      closed.countDown();
    }
  }

  /** Closes the socket abruptly: no DISCONNECT packet is sent. */
  @Override
  public void close() throws IOException {
    socket.close();
  }
}
