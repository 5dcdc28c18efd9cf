package io.tributary.ingest.mqtt;

import io.tributary.ingest.broker.DisconnectReason;

/**
 * The keep-alive of one connection (MQTT 3.1.2.10): a client that sends nothing for 1.5 times its
 * keep-alive is disconnected ({@code 0x8D}, lifecycle {@code MQTT_KEEP_ALIVE_TIMEOUT}). Time spent
 * with reading paused for backpressure does not count: the client's pings wait in the socket then.
 * One timer per connection, re-armed for the remaining time only when it fires.
 */
final class KeepAlive {
  private final MqttConnection c;
  private final long limitMillis;
  private long lastActivity;
  private long timer = -1;

  KeepAlive(MqttConnection c, int keepAliveSeconds) {
    this.c = c;
    this.limitMillis = keepAliveSeconds * 1500L;
    this.lastActivity = c.broker.now();
  }

  /** A packet arrived. */
  void touch() {
    lastActivity = c.broker.now();
  }

  void start() {
    if (limitMillis > 0) {
      arm(limitMillis);
    }
  }

  void cancel() {
    if (timer >= 0) {
      c.broker.vertx().cancelTimer(timer);
      timer = -1;
    }
  }

  private void arm(long delay) {
    timer = c.broker.vertx().setTimer(delay, id -> c.ctx.runOnContext(v -> check()));
  }

  private void check() {
    if (!c.isConnected()) {
      return;
    }
    if (c.readingPaused()) {
      touch();
    }
    long idle = c.broker.now() - lastActivity;
    if (idle >= limitMillis) {
      c.terminate(DisconnectReason.MQTT_KEEP_ALIVE_TIMEOUT, true, Reason.KEEP_ALIVE_TIMEOUT, "keep-alive timeout");
    } else {
      arm(limitMillis - idle);
    }
  }
}
