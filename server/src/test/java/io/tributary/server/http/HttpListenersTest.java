package io.tributary.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import org.junit.jupiter.api.Test;

class HttpListenersTest {
  @Test
  void acceptMqttOverWebSocketWithRoomForWholePackets() {
    HttpServerOptions options = HttpListeners.options("127.0.0.1", 8080, null, 144 * 1024);

    assertThat(options.getWebSocketSubProtocols()).containsExactly("mqtt", "mqttv3.1");
    assertThat(options.getMaxWebSocketFrameSize()).isGreaterThanOrEqualTo(256 * 1024);
    assertThat(options.getMaxWebSocketMessageSize()).isGreaterThanOrEqualTo(256 * 1024);
    assertThat(options.isSsl()).isFalse();
    assertThat(options.getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void growWithTheLargestPacketAndUseTlsWhenGivenACertificate() {
    PemKeyCertOptions tls = new PemKeyCertOptions().setCertPath("server.crt").setKeyPath("server.key");
    HttpServerOptions options = HttpListeners.options("127.0.0.1", 8443, tls, 1024 * 1024);

    assertThat(options.getMaxWebSocketFrameSize()).isGreaterThan(1024 * 1024);
    assertThat(options.isSsl()).isTrue();
    assertThat(options.getKeyCertOptions()).isEqualTo(tls);
  }
}
