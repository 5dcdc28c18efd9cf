package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.tributary.core.config.Profile;
import io.tributary.kafka.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What an acknowledgement promises: the message is in Kafka, once, and survives a Kafka outage. */
class DeliveryGuaranteesIT {

  private static MqttPublishMessage qos2(String topic, int packetId, boolean dup) {
    return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.EXACTLY_ONCE, false, 0),
        new MqttPublishVariableHeader(topic, packetId, MqttProperties.NO_PROPERTIES),
        Unpooled.wrappedBuffer("once".getBytes(StandardCharsets.UTF_8)));
  }

  private static MqttMessage pubrel(int packetId) {
    return io.netty.handler.codec.mqtt.MqttMessageFactory.newMessage(
        new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
        io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader.from(packetId), null);
  }

  @Test
  void aRetransmittedQos2PublishIsWrittenToKafkaOnce() throws Exception {
    try (GatewayHarness harness = new GatewayHarness()) {
      GatewayHarness.Node node = harness.start();
      String topic = "exactly/" + System.nanoTime();
      try (RawMqtt raw = RawMqtt.connect(node.mqttPort(), MqttVersion.MQTT_3_1_1, Mqtt.id("qos2"), 60)) {
        raw.send(qos2(topic, 7, false));
        raw.send(qos2(topic, 7, true)); // retransmitted before the PUBREC arrived
        raw.expect(MqttMessageType.PUBREC, Duration.ofSeconds(10));
        raw.send(qos2(topic, 7, true)); // and again after it
        raw.expect(MqttMessageType.PUBREC, Duration.ofSeconds(10));
        raw.send(pubrel(7));
        raw.expect(MqttMessageType.PUBCOMP, Duration.ofSeconds(10));
        raw.send(qos2(topic, 7, false)); // the id is free again: a new message
        raw.expect(MqttMessageType.PUBREC, Duration.ofSeconds(10));
        raw.send(pubrel(7));
        raw.expect(MqttMessageType.PUBCOMP, Duration.ofSeconds(10));
      }
      assertThat(KafkaRecords.messages(harness, topic::equals)).hasSize(2);
    }
  }

  @Test
  void whenKafkaIsDownReadingStopsAndNothingAcknowledgedIsLost() throws Exception {
    long limit = 64 * 1024;
    try (GatewayHarness harness = new GatewayHarness(true)) {
      GatewayHarness.Node node = harness.start(Profile.MQTT, c -> c.mqtt.maxPendingProduceBytes = limit);
      String topic = "outage/" + System.nanoTime();
      Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier(Mqtt.id("outage"))
          .serverHost("127.0.0.1").serverPort(node.mqttPort()).buildAsync();
      // A keep-alive longer than the outage: while the node holds its socket unread, the client's pings wait too.
      client.connectWith().keepAlive(600).send().get();
      byte[] kb = new byte[1024];
      for (int i = 0; i < 20; i++) {
        client.publishWith().topic(topic + "/before").qos(MqttQos.AT_LEAST_ONCE).payload(kb).send().get();
      }

      // Connect the flooding client first: a CONNECT claims its session in Kafka, so it waits out an outage.
      RawMqtt flood = RawMqtt.connect(node.mqttPort(), MqttVersion.MQTT_3_1_1, Mqtt.id("flood"), 0);

      EmbeddedKafka kafka = harness.kafka();
      int port = kafka.port();
      kafka.close();

      // Published from a thread of their own: once the node stops reading, TCP holds the client's sends back.
      List<CompletableFuture<Mqtt5PublishResult>> during = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread publisher = new Thread(() -> {
        for (int i = 0; i < 300; i++) {
          during.add(client.publishWith().topic(topic + "/during").qos(MqttQos.AT_LEAST_ONCE).payload(kb).send());
        }
      }, "qos1-publisher");
      publisher.start();
      // A QoS 0 flood on a raw socket: the node must stop reading instead of buffering it.
      AtomicInteger written = new AtomicInteger();
      int floodCount = 20_000;
      Thread writer = new Thread(() -> {
        try {
          for (int i = 0; i < floodCount; i++) {
            flood.publish(topic + "/flood", MqttQoS.AT_MOST_ONCE, 0, "x".repeat(1000), MqttProperties.NO_PROPERTIES);
            written.incrementAndGet();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, "flood-writer");
      writer.start();

      AtomicLong maxPending = new AtomicLong();
      var log = node.gateway().broker().log();
      EmbeddedKafka again = null;
      try {
        // While Kafka is down: pending bytes stay bounded, the flood stalls, nothing is acknowledged.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> {
          maxPending.accumulateAndGet(log.pendingBytes(), Math::max);
          return during.stream().noneMatch(CompletableFuture::isDone);
        });
        assertThat(log.saturated()).as("the node noticed Kafka is behind").isTrue();
        assertThat(maxPending.get()).as("bytes held for Kafka stay near the limit").isLessThan(limit + 256 * 1024);
        assertThat(written.get()).as("the flood is held back by TCP, not buffered").isLessThan(floodCount);
      } finally {
        again = EmbeddedKafka.start(kafka.logDir(), port);
      }
      try {
        publisher.join(120_000);
        assertThat(during).hasSize(300);
        for (CompletableFuture<Mqtt5PublishResult> f : during) {
          Mqtt5PublishResult r = f.get(120, java.util.concurrent.TimeUnit.SECONDS);
          assertThat(r.getError()).isEmpty();
        }
        writer.join(120_000);
        assertThat(written.get()).isEqualTo(floodCount);
        client.publishWith().topic(topic + "/after").qos(MqttQos.AT_LEAST_ONCE).payload(kb).send().get();
        await().atMost(Duration.ofSeconds(60))
            .until(() -> KafkaRecords.messages(harness, t -> t.equals(topic + "/flood")).size() == floodCount);
        assertThat(KafkaRecords.messages(harness, t -> t.equals(topic + "/before"))).hasSize(20);
        assertThat(KafkaRecords.messages(harness, t -> t.equals(topic + "/during"))).hasSize(300);
        assertThat(KafkaRecords.messages(harness, t -> t.equals(topic + "/after"))).hasSize(1);
        client.disconnect().get();
        flood.close();
      } finally {
        harness.close();
        again.close();
      }
    }
  }
}
