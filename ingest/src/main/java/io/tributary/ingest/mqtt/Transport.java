package io.tributary.ingest.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.mqtt.MqttMessage;
import java.security.cert.Certificate;
import java.util.List;

/** The byte stream under one MQTT connection; every method is called on the connection's event loop. */
public interface Transport {
  /** Encodes and sends one packet. */
  void write(MqttMessage message);

  /** A buffer for packets the caller encodes itself, to hand to {@link #writeEncoded}. */
  ByteBuf buffer(int initialCapacity);

  /** Sends bytes that are already whole MQTT packets (one or more); takes ownership of {@code packets}. */
  void writeEncoded(ByteBuf packets);

  /** True when the socket's outbound buffer is full: send no more QoS 0 messages until drained. */
  boolean writeQueueFull();

  /** Runs once when the outbound buffer has drained after {@link #writeQueueFull()}. */
  void onDrain(Runnable r);

  /** Stops reading from the client (backpressure). */
  void pause();

  void resume();

  /** Flushes what was written and closes. */
  void close();

  String remoteAddress();

  /** TLS client certificate chain; empty without mutual TLS. */
  List<Certificate> peerCertificates();

  /** {@code mqtt}, {@code mqtt-tls} or {@code mqtt-ws}. */
  String name();
}
