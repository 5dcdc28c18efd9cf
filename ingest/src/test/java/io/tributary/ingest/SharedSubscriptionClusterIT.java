package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A shared subscription whose members sit on different nodes gives each message to exactly one member. */
class SharedSubscriptionClusterIT {
  static GatewayHarness harness;
  static GatewayHarness.Node a;
  static GatewayHarness.Node b;

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
    a = harness.start();
    b = harness.start();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @Test
  void eachMessageReachesOneMemberAcrossNodes() throws Exception {
    String filter = "$share/workers/jobs/" + System.nanoTime() + "/+";
    String base = filter.substring("$share/workers/".length(), filter.length() - 2);
    ConcurrentLinkedQueue<String> onA = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> onB = new ConcurrentLinkedQueue<>();
    List<Mqtt5BlockingClient> members = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      members.add(member(a, filter, onA));
      members.add(member(b, filter, onB));
    }
    // both nodes learn the group's four members through the sessions topic
    await().atMost(Duration.ofSeconds(10)).until(() -> members.stream().allMatch(m -> knows(a, m, filter) && knows(b, m, filter)));

    Mqtt5BlockingClient pub = Mqtt.v5(a, Mqtt.id("producer"));
    pub.connect();
    int n = 200;
    for (int i = 0; i < n; i++) {
      pub.publishWith().topic(base + "/" + i).qos(MqttQos.AT_LEAST_ONCE)
          .payload(Integer.toString(i).getBytes(StandardCharsets.UTF_8)).send();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> onA.size() + onB.size() >= n);
    List<String> all = new ArrayList<>(onA);
    all.addAll(onB);
    Set<String> distinct = new HashSet<>(all);
    assertThat(all).as("no message delivered twice").hasSize(distinct.size());
    assertThat(distinct).hasSize(n);
    assertThat(onA).as("members on node A get a share").isNotEmpty();
    assertThat(onB).as("members on node B get a share").isNotEmpty();
    pub.disconnect();
    members.forEach(Mqtt5BlockingClient::disconnect);
  }

  private static boolean knows(GatewayHarness.Node node, Mqtt5BlockingClient member, String filter) {
    var r = node.gateway().broker().sessions().get(member.getConfig().getClientIdentifier().get().toString());
    return r != null && r.connected() && r.subscriptions().containsKey(filter);
  }

  private static Mqtt5BlockingClient member(GatewayHarness.Node node, String filter, ConcurrentLinkedQueue<String> sink) {
    Mqtt5BlockingClient c = Mqtt.v5(node, Mqtt.id("member"));
    c.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> sink.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
    c.connect();
    c.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
    return c;
  }
}
