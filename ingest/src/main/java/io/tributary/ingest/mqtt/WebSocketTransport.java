package io.tributary.ingest.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.buffer.BufferInternal;
import java.security.cert.Certificate;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * MQTT over WebSocket ({@code /mqtt}): binary frames carry the MQTT byte stream, split anywhere.
 * Netty's MQTT codec runs in an embedded channel on the connection's event loop.
 */
final class WebSocketTransport implements Transport {
  private final ServerWebSocket ws;
  private final EmbeddedChannel codec;

  WebSocketTransport(ServerWebSocket ws, int maxPacketBytes) {
    this.ws = ws;
    this.codec = new EmbeddedChannel(MqttEncoder.INSTANCE, new MqttDecoder(maxPacketBytes, 65535));
  }

  /** Feeds received frames through the decoder and hands each decoded packet to {@code packets}. */
  void start(Consumer<Object> packets) {
    ws.handler(buffer -> {
      ByteBuf bytes = ((BufferInternal) buffer).getByteBuf();
      codec.writeInbound(bytes.retain());
      Object msg;
      while ((msg = codec.readInbound()) != null) {
        packets.accept(msg);
      }
    });
  }

  @Override
  public void write(MqttMessage message) {
    codec.writeOutbound(message);
    ByteBuf out;
    while ((out = codec.readOutbound()) != null) {
      ws.writeBinaryMessage(BufferInternal.buffer(out));
    }
  }

  @Override
  public ByteBuf buffer(int initialCapacity) {
    return Unpooled.buffer(initialCapacity);
  }

  @Override
  public void writeEncoded(ByteBuf packets) {
    ws.writeBinaryMessage(BufferInternal.buffer(packets));
  }

  @Override
  public boolean writeQueueFull() {
    return ws.writeQueueFull();
  }

  @Override
  public void onDrain(Runnable r) {
    ws.drainHandler(v -> {
      ws.drainHandler(null);
      r.run();
    });
  }

  @Override
  public void pause() {
    ws.pause();
  }

  @Override
  public void resume() {
    ws.resume();
  }

  @Override
  public void close() {
    ws.close();
    codec.finishAndReleaseAll();
  }

  @Override
  public String remoteAddress() {
    return ws.remoteAddress() == null ? "" : ws.remoteAddress().hostAddress();
  }

  @Override
  public List<Certificate> peerCertificates() {
    if (!ws.isSsl()) {
      return List.of();
    }
    try {
      return ws.peerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }

  @Override
  public String name() {
    return "mqtt-ws";
  }

}
