package io.tributary.ingest.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.vertx.core.internal.net.NetSocketInternal;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/** MQTT over TCP or TLS: Netty's MQTT encoder and decoder sit in the socket's own pipeline. */
final class TcpTransport implements Transport {
  private final NetSocketInternal socket;
  private final boolean tls;

  TcpTransport(NetSocketInternal socket, boolean tls) {
    this.socket = socket;
    this.tls = tls;
  }

  @Override
  public void write(MqttMessage message) {
    socket.writeMessage(message);
  }

  @Override
  public ByteBuf buffer(int initialCapacity) {
    return socket.channelHandlerContext().alloc().buffer(initialCapacity);
  }

  @Override
  public void writeEncoded(ByteBuf packets) {
    socket.writeMessage(packets); // a ByteBuf passes the MQTT encoder untouched
  }

  @Override
  public boolean writeQueueFull() {
    return socket.writeQueueFull();
  }

  @Override
  public void onDrain(Runnable r) {
    socket.drainHandler(v -> {
      socket.drainHandler(null);
      r.run();
    });
  }

  @Override
  public void pause() {
    socket.pause();
  }

  @Override
  public void resume() {
    socket.resume();
  }

  @Override
  public void close() {
    socket.close();
  }

  @Override
  public String remoteAddress() {
    return socket.remoteAddress() == null ? "" : socket.remoteAddress().hostAddress();
  }

  @Override
  public List<Certificate> peerCertificates() {
    if (!tls) {
      return List.of();
    }
    try {
      return socket.peerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }

  @Override
  public String name() {
    return tls ? "mqtt-tls" : "mqtt";
  }
}
