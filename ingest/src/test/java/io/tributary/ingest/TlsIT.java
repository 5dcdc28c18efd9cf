package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.tributary.core.config.Profile;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TLS listener with a self-signed server certificate that the clients trust. */
class TlsIT {
  static GatewayHarness harness;
  static GatewayHarness.Node node;
  static SelfSignedCertificate cert;
  static TrustManagerFactory trust;
  // The certificate names "localhost" (as its CN, without subject alternative names), so clients use that host name.

  @BeforeAll
  static void start() throws Exception {
    cert = SelfSignedCertificate.create("localhost");
    harness = new GatewayHarness();
    node = harness.start(Profile.MQTT, c -> c.listeners.mqttTls = 0, cert.keyCertOptions());
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(Path.of(cert.certificatePath()))) {
      ks.setCertificateEntry("tributary", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(ks);
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
    cert.delete();
  }

  @Test
  void tlsClientsPublishAndSubscribe() throws Exception {
    assertThat(node.mqttTlsPort()).isPositive().isNotEqualTo(node.mqttPort());
    Mqtt5BlockingClient v5 = MqttClient.builder().useMqttVersion5().identifier(Mqtt.id("tls5"))
        .serverHost("localhost").serverPort(node.mqttTlsPort())
        .sslConfig().trustManagerFactory(trust).applySslConfig()
        .buildBlocking();
    Mqtt3BlockingClient v3 = MqttClient.builder().useMqttVersion3().identifier(Mqtt.id("tls3"))
        .serverHost("localhost").serverPort(node.mqttTlsPort())
        .sslConfig().trustManagerFactory(trust).applySslConfig()
        .buildBlocking();
    Mqtt5BlockingClient plain = Mqtt.v5(node, Mqtt.id("plain"));
    v5.connect();
    v3.connect();
    plain.connect();
    try (var v5In = v5.publishes(MqttGlobalPublishFilter.ALL); var v3In = v3.publishes(MqttGlobalPublishFilter.ALL)) {
      v5.subscribeWith().topicFilter("tls/a").qos(MqttQos.AT_LEAST_ONCE).send();
      v3.subscribeWith().topicFilter("tls/b").qos(MqttQos.AT_LEAST_ONCE).send();
      plain.publishWith().topic("tls/a").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send();
      v5.publishWith().topic("tls/b").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {2}).send();
      assertThat(v5In.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes()).containsExactly(1);
      assertThat(v3In.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes()).containsExactly(2);
    } finally {
      v5.disconnect();
      v3.disconnect();
      plain.disconnect();
    }
  }

  @Test
  void clientThatDoesNotTrustTheCertificateCannotConnect() {
    Mqtt5BlockingClient untrusting = MqttClient.builder().useMqttVersion5().identifier(Mqtt.id("untrusting"))
        .serverHost("127.0.0.1").serverPort(node.mqttTlsPort()).sslWithDefaultConfig().buildBlocking();
    org.assertj.core.api.Assertions.assertThatThrownBy(untrusting::connect).isInstanceOf(RuntimeException.class);
  }
}
