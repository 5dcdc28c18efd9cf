package io.tributary.server.rules;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.tributary.core.config.TributaryConfig;
import io.tributary.server.TributaryNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A dev node, REST calls to its topic-rule API, and MQTT 5 clients (HiveMQ) for rules tests. */
final class RuleTestKit {
  private RuleTestKit() {}

  static TributaryNode node(Path dataDir) {
    return TributaryNode.start(config(dataDir));
  }

  /** A dev node's configuration: ephemeral ports, embedded Kafka with 2 partitions per topic. */
  static TributaryConfig config(Path dataDir) {
    TributaryConfig config = TributaryConfig.defaults();
    config.node.dev = true;
    config.node.dataDir = dataDir.toString();
    config.kafka.embeddedPort = 0;
    config.kafka.partitions = 2;
    config.listeners.mqtt = 0;
    config.listeners.mqttTls = -1;
    config.listeners.http = 0;
    config.listeners.https = -1;
    return config;
  }

  /** Raw HTTP against the node, as curl would call it. */
  static final class Rest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Rest(TributaryNode node) {
      this.base = "http://127.0.0.1:" + node.httpPort();
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
      HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(body);
      return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
          .header("content-type", "application/json").method(method, publisher).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a rule and fails unless the node answered 200. */
    void create(String name, String payload) throws Exception {
      HttpResponse<String> r = send("POST", "/rules/" + name, payload);
      if (r.statusCode() != 200) {
        throw new AssertionError("CreateTopicRule " + name + ": " + r.statusCode() + " " + r.body());
      }
    }
  }

  static Mqtt5BlockingClient mqtt(TributaryNode node, String clientId) {
    Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(clientId)
        .serverHost("127.0.0.1").serverPort(node.mqttPort()).buildBlocking();
    client.connect();
    return client;
  }

  static void publish(Mqtt5BlockingClient client, String topic, String payload) {
    client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8)).send();
  }

  /** What one subscription receives. */
  static final class Inbox implements AutoCloseable {
    private final Mqtt5BlockingClient.Mqtt5Publishes publishes;

    Inbox(Mqtt5BlockingClient client, String filter) {
      publishes = client.publishes(MqttGlobalPublishFilter.ALL);
      client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
    }

    /** The next message within {@code wait}, if any. */
    Optional<Mqtt5Publish> poll(Duration wait) throws InterruptedException {
      return publishes.receive(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next message, failing after 20 s. */
    Mqtt5Publish next() throws InterruptedException {
      return poll(Duration.ofSeconds(20)).orElseThrow(() -> new AssertionError("no message within 20 s"));
    }

    static String text(Mqtt5Publish p) {
      return new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      publishes.close();
    }
  }
}
