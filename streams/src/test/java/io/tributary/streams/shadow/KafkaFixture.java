package io.tributary.streams.shadow;

import static org.awaitility.Awaitility.await;

import io.tributary.core.config.TopicNames;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.topic.ShadowRequestTopics;
import io.tributary.kafka.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The message and shadow-requests topics on an embedded broker, a producer standing in for the gateway, and a
 * read-committed consumer standing in for every node's message feed.
 */
final class KafkaFixture implements AutoCloseable {
  static final int PARTITIONS = 4;

  final TopicNames topics;
  private final String bootstrap;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Envelope> received = new ArrayList<>();
  private final Map<String, Integer> shadowPartitions = new ConcurrentHashMap<>();

  KafkaFixture(EmbeddedKafka kafka, String prefix) throws Exception {
    this.bootstrap = kafka.bootstrapServers();
    this.topics = new TopicNames(prefix);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topics.messages(), PARTITIONS, (short) 1),
          new NewTopic(topics.shadowRequests(), PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
    consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> parts = new ArrayList<>();
    for (int i = 0; i < PARTITIONS; i++) {
      parts.add(new TopicPartition(topics.messages(), i));
    }
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
  }

  String bootstrap() {
    return bootstrap;
  }

  /**
   * Publishes {@code e} as the gateway does: on the message topic keyed by client id and, when it
   * is a shadow request and not a will, on the shadow-requests topic keyed by thing name (with the
   * producer's default partitioner).
   */
  void send(Envelope e) {
    byte[] bytes = EnvelopeCodec.encode(e);
    String thing = ShadowRequestTopics.thingOf(e.topic());
    if (thing != null && e.origin() != Envelope.Origin.WILL) {
      producer.send(new ProducerRecord<>(topics.shadowRequests(), thing, bytes), (meta, error) -> {
        if (error == null) {
          shadowPartitions.put(thing, meta.partition());
        }
      });
    }
    producer.send(new ProducerRecord<>(topics.messages(), e.clientId(), bytes));
  }

  /** The partition of the shadow-requests topic the last request of {@code thing} was written to. */
  int partitionOfShadowRequests(String thing) {
    Integer partition = shadowPartitions.get(thing);
    if (partition == null) {
      throw new IllegalStateException("no shadow request of " + thing + " was acknowledged");
    }
    return partition;
  }

  void flush() {
    producer.flush();
  }

  /** Every response the job published so far, polling until {@code done} holds for them. */
  List<Envelope> awaitResponses(Predicate<List<Envelope>> done) {
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(20)).until(() -> {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        Envelope e = EnvelopeCodec.decode(r.value());
        if (e.origin() == Envelope.Origin.SHADOW) {
          received.add(e);
        }
      }
      return done.test(received);
    });
    return List.copyOf(received);
  }

  /** Polls until the job published a message on {@code topic}; returns the last one. */
  Envelope awaitTopic(String topic) {
    List<Envelope> all = awaitResponses(list -> list.stream().anyMatch(e -> e.topic().equals(topic)));
    return all.stream().filter(e -> e.topic().equals(topic)).reduce((a, b) -> b).orElseThrow();
  }

  /** How many responses were published on {@code topic}, after polling until at least {@code n}. */
  long awaitCount(String topic, int n) {
    return awaitResponses(list -> list.stream().filter(e -> e.topic().equals(topic)).count() >= n).stream()
        .filter(e -> e.topic().equals(topic)).count();
  }

  @Override
  public void close() {
    producer.close();
    consumer.close();
  }
}
