package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Publish and subscribe at every QoS, MQTT 5 and 3.1.1, through Kafka. */
class PublishSubscribeIT {
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

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void mqtt5MessageReachesSubscriberAtEveryQos(int qos) throws Exception {
    Mqtt5BlockingClient sub = Mqtt.v5(node, Mqtt.id("sub"));
    Mqtt5BlockingClient pub = Mqtt.v5(node, Mqtt.id("pub"));
    sub.connect();
    pub.connect();
    String topic = "ps/v5/" + qos;
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
      pub.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload("hello".getBytes(StandardCharsets.UTF_8)).send();
      Optional<Mqtt5Publish> got = publishes.receive(10, TimeUnit.SECONDS);
      assertThat(got).isPresent();
      assertThat(new String(got.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
      assertThat(got.get().getQos().getCode()).isEqualTo(qos);
    }
    sub.disconnect();
    pub.disconnect();
  }

  @Test
  void mqtt311PublisherReachesMqtt5SubscriberAndBack() throws Exception {
    Mqtt3BlockingClient v3 = Mqtt.v3(node, Mqtt.id("v3"));
    Mqtt5BlockingClient v5 = Mqtt.v5(node, Mqtt.id("v5"));
    v3.connect();
    v5.connect();
    try (var fromV3 = v5.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL);
         var fromV5 = v3.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
      v5.subscribeWith().topicFilter("cross/to5").qos(MqttQos.AT_LEAST_ONCE).send();
      v3.subscribeWith().topicFilter("cross/to3").qos(MqttQos.AT_LEAST_ONCE).send();
      v3.publishWith().topic("cross/to5").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send();
      v5.publishWith().topic("cross/to3").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {2}).send();
      assertThat(fromV3.receive(10, TimeUnit.SECONDS)).get().satisfies(p -> assertThat(p.getPayloadAsBytes()).containsExactly(1));
      assertThat(fromV5.receive(10, TimeUnit.SECONDS)).get().satisfies(p -> assertThat(p.getPayloadAsBytes()).containsExactly(2));
    }
    v3.disconnect();
    v5.disconnect();
  }

  @Test
  void acknowledgedPublishIsAnEnvelopeOnTheMessageTopic() throws Exception {
    Mqtt5BlockingClient pub = Mqtt.v5(node, Mqtt.id("durable"));
    pub.connect();
    String topic = "durable/" + System.nanoTime();
    pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("kept".getBytes(StandardCharsets.UTF_8))
        .contentType("text/plain").userProperties().add("k", "v").applyUserProperties().send();
    pub.disconnect();

    List<Envelope> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = rawConsumer()) {
      String messages = harness.topicPrefix() + "messages";
      List<TopicPartition> parts = c.partitionsFor(messages).stream()
          .map(p -> new TopicPartition(messages, p.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          Envelope e = EnvelopeCodec.decode(r.value());
          if (e.topic().equals(topic)) {
            found.add(e);
          }
        }
      }
    }
    assertThat(found).hasSize(1);
    Envelope e = found.get(0);
    assertThat(new String(e.payload(), StandardCharsets.UTF_8)).isEqualTo("kept");
    assertThat(e.qos()).isEqualTo(1);
    assertThat(e.clientId()).startsWith("durable-");
    assertThat(e.properties().contentType()).isEqualTo("text/plain");
    assertThat(e.properties().userProperties()).extracting(u -> u.key() + "=" + u.value()).containsExactly("k=v");
    assertThat(e.traceId()).hasSize(36);
    assertThat(e.sourceNode()).isEqualTo("node-1");
  }

  private static KafkaConsumer<String, byte[]> rawConsumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, harness.kafka().bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }
}
