package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Persistent sessions: subscriptions and the QoS 1/2 messages that arrive while the client is
 * offline are delivered when it reconnects, also after the node restarted and on another node.
 */
class PersistentSessionIT {
  static GatewayHarness harness;
  static GatewayHarness.Node nodeA;
  static GatewayHarness.Node nodeB;

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
    nodeA = harness.start();
    nodeB = harness.start();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  private static Mqtt5ConnAck connectPersistent(Mqtt5BlockingClient c) {
    return c.connectWith().cleanStart(false).sessionExpiryInterval(3600).send();
  }

  private static void publish(GatewayHarness.Node node, String topic, int count, MqttQos qos) {
    Mqtt5BlockingClient pub = Mqtt.v5(node, Mqtt.id("pub"));
    pub.connect();
    for (int i = 0; i < count; i++) {
      pub.publishWith().topic(topic).qos(qos).payload(("m" + i).getBytes(StandardCharsets.UTF_8)).send();
    }
    pub.disconnect();
  }

  private static List<String> receive(Mqtt5BlockingClient.Mqtt5Publishes publishes, int count) throws Exception {
    List<String> got = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Optional<Mqtt5Publish> p = publishes.receive(15, TimeUnit.SECONDS);
      if (p.isEmpty()) {
        break;
      }
      got.add(new String(p.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
    }
    return got;
  }

  @Test
  void offlineMessagesAreDeliveredOnReconnect() throws Exception {
    String id = Mqtt.id("persist");
    String topic = "persist/" + id;
    Mqtt5BlockingClient c = Mqtt.v5(nodeA, id);
    assertThat(connectPersistent(c).isSessionPresent()).isFalse();
    c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
    c.disconnect();

    publish(nodeA, topic, 5, MqttQos.AT_LEAST_ONCE);
    publish(nodeA, topic, 2, MqttQos.AT_MOST_ONCE); // QoS 0 is not kept for offline sessions

    Mqtt5BlockingClient again = Mqtt.v5(nodeA, id);
    try (var publishes = again.publishes(MqttGlobalPublishFilter.ALL)) {
      assertThat(connectPersistent(again).isSessionPresent()).isTrue();
      assertThat(receive(publishes, 5)).containsExactly("m0", "m1", "m2", "m3", "m4");
      assertThat(publishes.receive(300, TimeUnit.MILLISECONDS)).as("no QoS 0 backlog").isEmpty();
      // the subscription itself survived: live messages flow without subscribing again
      publish(nodeA, topic, 1, MqttQos.AT_LEAST_ONCE);
      assertThat(receive(publishes, 1)).containsExactly("m0");
    }
    again.disconnect();
  }

  @Test
  void mqtt311CleanSessionFalseResumes() throws Exception {
    String id = Mqtt.id("v3persist");
    String topic = "v3persist/" + id;
    Mqtt3BlockingClient c = Mqtt.v3(nodeA, id);
    Mqtt3ConnAck ack = c.connectWith().cleanSession(false).send();
    assertThat(ack.isSessionPresent()).isFalse();
    c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
    c.disconnect();
    publish(nodeA, topic, 3, MqttQos.AT_LEAST_ONCE);

    Mqtt3BlockingClient again = Mqtt.v3(nodeA, id);
    try (var publishes = again.publishes(MqttGlobalPublishFilter.ALL)) {
      assertThat(again.connectWith().cleanSession(false).send().isSessionPresent()).isTrue();
      List<String> got = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        publishes.receive(15, TimeUnit.SECONDS)
            .ifPresent(p -> got.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
      }
      assertThat(got).containsExactly("m0", "m1", "m2");
    }
    again.disconnect();
  }

  @Test
  void sessionResumesOnAnotherNode() throws Exception {
    String id = Mqtt.id("roam");
    String topic = "roam/" + id;
    Mqtt5BlockingClient c = Mqtt.v5(nodeA, id);
    connectPersistent(c);
    c.subscribeWith().topicFilter(topic + "/#").qos(MqttQos.AT_LEAST_ONCE).send();
    c.disconnect();
    publish(nodeA, topic + "/x", 3, MqttQos.AT_LEAST_ONCE);

    Mqtt5BlockingClient onB = Mqtt.v5(nodeB, id);
    try (var publishes = onB.publishes(MqttGlobalPublishFilter.ALL)) {
      assertThat(connectPersistent(onB).isSessionPresent()).isTrue();
      assertThat(receive(publishes, 3)).containsExactly("m0", "m1", "m2");
      publish(nodeA, topic + "/y", 1, MqttQos.AT_LEAST_ONCE); // published on A, live on B
      assertThat(receive(publishes, 1)).containsExactly("m0");
    }
    onB.disconnect();
  }

  @Test
  void cleanStartDiscardsTheSession() throws Exception {
    String id = Mqtt.id("discard");
    String topic = "discard/" + id;
    Mqtt5BlockingClient c = Mqtt.v5(nodeA, id);
    connectPersistent(c);
    c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
    c.disconnect();
    publish(nodeA, topic, 2, MqttQos.AT_LEAST_ONCE);

    Mqtt5BlockingClient again = Mqtt.v5(nodeA, id);
    try (var publishes = again.publishes(MqttGlobalPublishFilter.ALL)) {
      Mqtt5ConnAck ack = again.connectWith().cleanStart(true).sessionExpiryInterval(3600).send();
      assertThat(ack.isSessionPresent()).isFalse();
      // bounded wait: a discarded session must deliver nothing
      assertThat(publishes.receive(1, TimeUnit.SECONDS)).isEmpty();
    }
    again.disconnect();
  }

  @Test
  void unacknowledgedMessagesAreRedeliveredOnReconnect() throws Exception {
    String id = Mqtt.id("unacked");
    String topic = "unacked/" + id;
    Mqtt5BlockingClient setup = Mqtt.v5(nodeA, id);
    connectPersistent(setup);
    setup.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
    setup.disconnect();

    // Receive without acknowledging, then drop the connection.
    Mqtt5AsyncClient lazy = com.hivemq.client.mqtt.MqttClient.builder().useMqttVersion5().identifier(id)
        .serverHost("127.0.0.1").serverPort(nodeA.mqttPort()).buildAsync();
    LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
    lazy.publishes(MqttGlobalPublishFilter.ALL, p -> seen.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)), true);
    lazy.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().get(10, TimeUnit.SECONDS);
    publish(nodeA, topic, 2, MqttQos.AT_LEAST_ONCE);
    assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("m0");
    assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("m1");
    lazy.disconnect().get(10, TimeUnit.SECONDS);

    Mqtt5BlockingClient again = Mqtt.v5(nodeA, id);
    try (var publishes = again.publishes(MqttGlobalPublishFilter.ALL)) {
      assertThat(connectPersistent(again).isSessionPresent()).isTrue();
      assertThat(receive(publishes, 2)).containsExactly("m0", "m1");
    }
    again.disconnect();
  }

  @Test
  void sessionSurvivesANodeRestart() throws Exception {
    GatewayHarness.Node temp = harness.start();
    String id = Mqtt.id("restart");
    String topic = "restart/" + id;
    Mqtt5BlockingClient c = Mqtt.v5(temp, id);
    connectPersistent(c);
    c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
    c.disconnect();
    harness.stop(temp);

    publish(nodeA, topic, 3, MqttQos.AT_LEAST_ONCE);
    GatewayHarness.Node restarted = harness.start();
    Mqtt5BlockingClient again = Mqtt.v5(restarted, id);
    try (var publishes = again.publishes(MqttGlobalPublishFilter.ALL)) {
      assertThat(connectPersistent(again).isSessionPresent()).isTrue();
      assertThat(receive(publishes, 3)).containsExactly("m0", "m1", "m2");
    }
    again.disconnect();
    harness.stop(restarted);
  }
}
