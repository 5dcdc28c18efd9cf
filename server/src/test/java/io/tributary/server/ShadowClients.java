package io.tributary.server;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An MQTT 5 device (HiveMQ client) and a REST caller (java.net.http) for shadow tests. */
final class ShadowClients {
  private ShadowClients() {}

  static Mqtt5BlockingClient mqtt(TributaryNode node, String clientId) {
    Mqtt5BlockingClient client = Mqtt5Client.builder().identifier(clientId)
        .serverHost("127.0.0.1").serverPort(node.mqttPort()).buildBlocking();
    client.connect();
    return client;
  }

  static void publish(Mqtt5BlockingClient client, String topic, String payload) {
    client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
        .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
  }

  /** Collects what a client receives, in order. */
  static final class Inbox implements AutoCloseable {
    private final Mqtt5BlockingClient.Mqtt5Publishes publishes;

    Inbox(Mqtt5BlockingClient client, String filter) {
      this.publishes = client.publishes(MqttGlobalPublishFilter.ALL);
      client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
    }

    /** The next message on {@code topic}, skipping others; fails after 15 s. */
    String next(String topic) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (System.nanoTime() < deadline) {
        var p = publishes.receive(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (p.isPresent() && p.get().getTopic().toString().equals(topic)) {
          return text(p.get());
        }
      }
      throw new AssertionError("nothing on " + topic);
    }

    /** Every message received within {@code window}, as "topic payload". */
    List<String> drain(Duration window) throws InterruptedException {
      List<String> all = new ArrayList<>();
      long deadline = System.nanoTime() + window.toNanos();
      while (System.nanoTime() < deadline) {
        publishes.receive(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
            .ifPresent(p -> all.add(p.getTopic() + " " + text(p)));
      }
      return all;
    }

    private static String text(Mqtt5Publish p) {
      return new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      publishes.close();
    }
  }

  /** REST calls against one node. */
  static final class Rest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Rest(TributaryNode node) {
      this.base = "http://127.0.0.1:" + node.httpPort();
    }

    HttpResponse<String> get(String path) throws Exception {
      return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
      return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> delete(String path) throws Exception {
      return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    HttpResponse<String> send(String method, String path) throws Exception {
      return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
      return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
