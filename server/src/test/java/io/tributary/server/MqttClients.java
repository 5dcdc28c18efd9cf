package io.tributary.server;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Eclipse Paho (MQTT 3.1.1) clients for tests: connect over TCP, TLS or WebSocket, collect messages. */
final class MqttClients {
  private MqttClients() {}

  /** A connected client; {@code serverUri} is {@code tcp://}, {@code ssl://} or {@code ws://host:port/mqtt}. */
  static Received connect(String serverUri, String clientId, Path trustedCert) throws Exception {
    MqttClient client = new MqttClient(serverUri, clientId, new MemoryPersistence());
    Received received = new Received(client);
    client.setCallback(received);
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(true);
    options.setConnectionTimeout(10);
    options.setHttpsHostnameVerificationEnabled(true);
    if (trustedCert != null) {
      options.setSocketFactory(sslContext(trustedCert).getSocketFactory());
    }
    client.connect(options);
    return received;
  }

  private static SSLContext sslContext(Path certFile) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("tributary", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certFile))));
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  /** A client and the messages it received, in arrival order. */
  static final class Received implements MqttCallback, AutoCloseable {
    final MqttClient client;
    private final BlockingQueue<MqttMessage> messages = new LinkedBlockingQueue<>();

    Received(MqttClient client) {
      this.client = client;
    }

    /** The next message, waiting up to 15 s; null when none came. */
    MqttMessage next() throws InterruptedException {
      return messages.poll(15, TimeUnit.SECONDS);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      messages.add(message);
    }

    @Override
    public void connectionLost(Throwable cause) {}

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}

    @Override
    public void close() throws Exception {
      if (client.isConnected()) {
        client.disconnect();
      }
      client.close();
    }
  }
}
