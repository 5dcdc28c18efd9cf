package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local fast path: a message published on a node reaches that node's subscribers as soon as
 * Kafka acknowledged it, without the round trip through the node's consumer. The tests hold the
 * consumer back deterministically: another writer keeps a transaction open on every partition, so
 * a {@code read_committed} consumer cannot read past it until it commits.
 */
class LocalFastPathIT {
  static GatewayHarness harness;
  static GatewayHarness.Node node;

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
    node = harness.start();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  /** Opens a transaction with one message on {@code topic} in every partition of the message topic. */
  private static KafkaProducer<String, byte[]> openTransaction(String topic, int partitions) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, harness.kafka().bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fast-path-test-" + UUID.randomUUID());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p);
    producer.initTransactions();
    producer.beginTransaction();
    for (int partition = 0; partition < partitions; partition++) {
      Envelope e = new Envelope(topic, ("remote-" + partition).getBytes(StandardCharsets.UTF_8), 1, false,
          "remote-writer", null, null, System.currentTimeMillis(), Envelope.Origin.MQTT, null, "elsewhere",
          UUID.randomUUID().toString());
      producer.send(new ProducerRecord<>(node.config().kafka.topics().messages(), partition, "remote-writer",
          EnvelopeCodec.encode(e)));
    }
    producer.flush();
    return producer;
  }

  private static String next(Mqtt5BlockingClient.Mqtt5Publishes publishes) throws InterruptedException {
    Optional<Mqtt5Publish> p = publishes.receive(15, TimeUnit.SECONDS);
    return p.map(m -> new String(m.getPayloadAsBytes(), StandardCharsets.UTF_8)).orElse(null);
  }

  @Test
  void aLocalPublishIsDeliveredWhileTheLogIsHeldBack_andTheSessionStillGetsWhatWasBehindIt() throws Exception {
    String topic = "fast/" + UUID.randomUUID();
    String subId = Mqtt.id("fast-sub");
    Mqtt5BlockingClient sub = Mqtt.v5(node, subId);
    sub.connectWith().cleanStart(true).sessionExpiryInterval(3600).send();
    sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
    Mqtt5BlockingClient.Mqtt5Publishes inbox = sub.publishes(MqttGlobalPublishFilter.ALL);

    int partitions = node.config().kafka.partitions;
    KafkaProducer<String, byte[]> remote = openTransaction(topic, partitions);
    try {
      Mqtt5BlockingClient pub = Mqtt.v5(node, Mqtt.id("fast-pub"));
      pub.connect();
      pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("local-1".getBytes(StandardCharsets.UTF_8))
          .send();
      // The consumer cannot read past the open transaction: only the fast path can deliver this.
      assertThat(next(inbox)).isEqualTo("local-1");
      pub.disconnect();
      sub.disconnect();
    } finally {
      remote.commitTransaction();
      remote.close();
    }

    // The session's stored position must not have moved past the messages the consumer had not read.
    Mqtt5BlockingClient again = Mqtt.v5(node, subId);
    Mqtt5BlockingClient.Mqtt5Publishes resumed = again.publishes(MqttGlobalPublishFilter.ALL);
    assertThat(again.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().isSessionPresent()).isTrue();
    Set<String> got = new HashSet<>();
    Set<String> expected = new HashSet<>();
    for (int p = 0; p < partitions; p++) {
      expected.add("remote-" + p);
    }
    while (!got.containsAll(expected)) {
      String m = next(resumed);
      if (m == null) {
        break;
      }
      got.add(m); // local-1 may come again: QoS 1 allows a repeat, never a loss
    }
    assertThat(got).containsAll(expected);
    again.disconnect();
  }

  @Test
  void everyMessageOnceAndInOrder_whileSubscribersComeAndGo() throws Exception {
    String topic = "fast/order/" + UUID.randomUUID();
    int count = 400;
    Mqtt5BlockingClient early = Mqtt.v5(node, Mqtt.id("early"));
    early.connect();
    early.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
    Mqtt5BlockingClient.Mqtt5Publishes earlyInbox = early.publishes(MqttGlobalPublishFilter.ALL);

    Mqtt5BlockingClient pub = Mqtt.v5(node, Mqtt.id("order-pub"));
    pub.connect();
    List<Mqtt5BlockingClient> late = new ArrayList<>();
    List<Mqtt5BlockingClient.Mqtt5Publishes> lateInboxes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (i % 100 == 50) { // subscriptions change while messages flow: the fast path must step aside
        Mqtt5BlockingClient c = Mqtt.v5(node, Mqtt.id("late"));
        c.connect();
        lateInboxes.add(c.publishes(MqttGlobalPublishFilter.ALL));
        c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        late.add(c);
      }
      pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
          .payload(Integer.toString(i).getBytes(StandardCharsets.UTF_8)).send();
    }
    pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("end".getBytes(StandardCharsets.UTF_8)).send();

    List<Integer> seen = drain(earlyInbox);
    assertThat(seen).hasSize(count);
    assertThat(seen).isSorted().doesNotHaveDuplicates();
    for (Mqtt5BlockingClient.Mqtt5Publishes inbox : lateInboxes) {
      List<Integer> got = drain(inbox);
      // A late subscriber gets a contiguous run: no message twice, none out of order, no gap.
      assertThat(got).isNotEmpty().isSorted().doesNotHaveDuplicates();
      assertThat(got.get(got.size() - 1) - got.get(0) + 1).isEqualTo(got.size());
      assertThat(got.get(got.size() - 1)).isEqualTo(count - 1);
    }
    early.disconnect();
    late.forEach(Mqtt5BlockingClient::disconnect);
    pub.disconnect();
    assertThat(node.gateway().broker().feed().routedFastCount()).isPositive();
  }

  @Test
  void aNewSubscriberNeverGetsAPublishersMessagesOutOfOrder() throws Exception {
    String topic = "fast/new/" + UUID.randomUUID();
    Mqtt5BlockingClient pub = Mqtt.v5(node, Mqtt.id("order-pub"));
    pub.connect();
    KafkaProducer<String, byte[]> remote = openTransaction("elsewhere/" + topic, node.config().kafka.partitions);
    Mqtt5BlockingClient sub = Mqtt.v5(node, Mqtt.id("order-sub"));
    Mqtt5BlockingClient.Mqtt5Publishes inbox = sub.publishes(MqttGlobalPublishFilter.ALL);
    try {
      // "a" is routed at once, before the subscription exists; the consumer has yet to read it.
      pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("a".getBytes(StandardCharsets.UTF_8)).send();
      sub.connect();
      sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      // The consumer will route "a" to the new subscription when it gets there, so "b" must wait too.
      pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("b".getBytes(StandardCharsets.UTF_8)).send();
    } finally {
      remote.commitTransaction();
      remote.close();
    }
    List<String> got = new ArrayList<>();
    String m;
    while (!got.contains("b") && (m = next(inbox)) != null) {
      got.add(m);
    }
    assertThat(got).containsExactly("a", "b");
    sub.disconnect();
    pub.disconnect();
  }

  private static List<Integer> drain(Mqtt5BlockingClient.Mqtt5Publishes inbox) throws InterruptedException {
    List<Integer> got = new ArrayList<>();
    String m;
    while ((m = next(inbox)) != null && !m.equals("end")) {
      got.add(Integer.parseInt(m));
    }
    assertThat(m).as("the end marker arrives").isEqualTo("end");
    return got;
  }
}
