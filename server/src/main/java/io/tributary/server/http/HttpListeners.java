package io.tributary.server.http;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import java.util.List;

/** Options of the HTTP and HTTPS listeners, which serve REST, health and MQTT over WebSocket. */
public final class HttpListeners {
  /** Sub-protocols MQTT clients ask for on the WebSocket upgrade (MQTT 3.1.1/5, and 3.1). */
  public static final List<String> MQTT_SUBPROTOCOLS = List.of("mqtt", "mqttv3.1");
  /** Smallest WebSocket frame and message size accepted: an MQTT packet must fit whole. */
  public static final int MIN_WEBSOCKET_BYTES = 256 * 1024;

  private HttpListeners() {}

  /**
   * Options for a listener on {@code host}:{@code port}; TLS when {@code tls} is not null.
   * WebSocket frames and messages may hold {@code maxPacketBytes} (at least 256 KiB).
   */
  public static HttpServerOptions options(String host, int port, KeyCertOptions tls, int maxPacketBytes) {
    int websocketBytes = Math.max(MIN_WEBSOCKET_BYTES, maxPacketBytes + 1024);
    HttpServerOptions options = new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setWebSocketSubProtocols(MQTT_SUBPROTOCOLS)
        .setMaxWebSocketFrameSize(websocketBytes)
        .setMaxWebSocketMessageSize(websocketBytes);
    if (tls != null) {
      options.setSsl(true).setKeyCertOptions(tls);
    }
    return options;
  }
}
