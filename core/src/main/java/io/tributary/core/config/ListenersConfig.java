package io.tributary.core.config;

/** Network listeners. A port of 0 picks a free port; -1 disables the listener. */
public final class ListenersConfig {
  /** Address every listener binds to. Dev mode forces loopback. */
  public String host = "0.0.0.0";
  public int mqtt = 1883;
  public int mqttTls = 8883;
  public int http = 8080;
  public int https = 8443;
}
