package io.tributary.server;

import io.tributary.core.config.TributaryConfig;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Configurations and clients for tests that start whole nodes. */
final class TestNodes {
  private TestNodes() {}

  /** A dev-mode node under {@code dataDir} with every port 0, without the shadow job. */
  static TributaryConfig devConfig(Path dataDir) {
    TributaryConfig config = TributaryConfig.defaults();
    config.node.dev = true;
    config.node.dataDir = dataDir.toString();
    config.kafka.embeddedPort = 0;
    config.listeners.mqtt = 0;
    config.listeners.mqttTls = 0;
    config.listeners.http = 0;
    config.listeners.https = 0;
    // The shadow job adds a Kafka Streams application to every node; tests that need it turn it on.
    config.shadow.enabled = false;
    return config;
  }

  static HttpResponse<String> get(String url) throws Exception {
    return get(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build(), url);
  }

  static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A client that trusts exactly the PEM certificate in {@code certFile}, with host name verification. */
  static HttpClient trusting(Path certFile) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("tributary", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certFile))));
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(30)).build();
  }
}
