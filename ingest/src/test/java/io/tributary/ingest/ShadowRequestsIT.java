package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Device Shadow requests are also written to {@code <prefix>shadow.requests}, keyed by thing name,
 * before the publish is acknowledged; other publishes and wills are not. The message topic keeps
 * every publish.
 */
class ShadowRequestsIT {
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

  /** A shadow record: key, partition and the envelope's topic and payload. */
  record Copy(String key, int partition, String topic, String payload) {}

  @Test
  void aShadowRequestIsOnBothTopicsOnceAcknowledgedAndOtherPublishesOnlyOnTheMessageTopic() throws Exception {
    String thing = "lamp-" + UUID.randomUUID().toString().substring(0, 8);
    String root = "$aws/things/" + thing + "/shadow";
    List<String> requests = List.of(root + "/update", root + "/get", root + "/delete", root + "/name/cfg/update",
        root + "/name/cfg/get", root + "/name/cfg/delete");
    List<String> others = List.of(root, root + "/update/x", root + "/name/cfg", "things/" + thing + "/shadow/update",
        "$aws/things/" + thing + "/shadowx/update");
    Mqtt5BlockingClient client = Mqtt.v5(node, Mqtt.id("dev"));
    client.connect();
    try {
      for (String topic : others) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("other")).send();
      }
      for (String topic : requests) {
        // The blocking send returns on PUBACK: from then on both records are in Kafka.
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("{}")).send();
      }
    } finally {
      client.disconnect();
    }
    List<Copy> copies = shadowRequests(thing);
    int partitions = node.config().kafka.partitions;
    int expected = BuiltInPartitioner.partitionForKey(thing.getBytes(StandardCharsets.UTF_8), partitions);
    assertThat(copies).extracting(Copy::topic).containsExactlyElementsOf(requests);
    assertThat(copies).allSatisfy(c -> {
      assertThat(c.key()).isEqualTo(thing);
      assertThat(c.partition()).isEqualTo(expected);
      assertThat(c.payload()).isEqualTo("{}");
    });
    List<String> all = new ArrayList<>(others);
    all.addAll(requests);
    assertThat(KafkaRecords.messages(harness, t -> t.contains(thing))).extracting(Envelope::topic)
        .containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void aWillOnAShadowRequestTopicIsNotAShadowRequest() throws Exception {
    String thing = "gone-" + UUID.randomUUID().toString().substring(0, 8);
    String update = "$aws/things/" + thing + "/shadow/update";
    RawMqtt owner = WillIT.connectWithWill(node, MqttVersion.MQTT_3_1_1, Mqtt.id("owner"), update, 0, 0);
    owner.close();
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> !KafkaRecords.messages(harness, update::equals).isEmpty());
    // Same key, same partition, same producer: a copy of the will would come before this marker.
    Mqtt5BlockingClient client = Mqtt.v5(node, Mqtt.id("marker"));
    client.connect();
    client.publishWith().topic(update).qos(MqttQos.AT_LEAST_ONCE).payload(bytes("marker")).send();
    client.disconnect();
    assertThat(shadowRequests(thing)).extracting(Copy::payload).containsExactly("marker");
  }

  /** Every record on the shadow-requests topic now whose key is {@code thing}. */
  private static List<Copy> shadowRequests(String thing) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, harness.kafka().bootstrapServers());
    List<Copy> found = new ArrayList<>();
    String topic = node.config().kafka.topics().shadowRequests();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          if (thing.equals(r.key())) {
            Envelope e = EnvelopeCodec.decode(r.value());
            found.add(new Copy(r.key(), r.partition(), e.topic(), new String(e.payload(), StandardCharsets.UTF_8)));
          }
        }
      }
    }
    return found;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
