package io.tributary.kafka.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients against a broker, for tests: create topics, produce, read back. */
final class Clients {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Clients() {}

  static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  static Set<String> topics(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      return admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  static void produce(String bootstrap, String topic, List<String> values)
      throws InterruptedException, ExecutionException, TimeoutException {
    produce(bootstrap, topic, values, TIMEOUT.toMillis());
  }

  /** Produces one record, giving up when the topic's metadata is not there within {@code maxBlockMs}. */
  static void produceWithin(String bootstrap, String topic, long maxBlockMs)
      throws InterruptedException, ExecutionException, TimeoutException {
    produce(bootstrap, topic, List.of("v"), maxBlockMs);
  }

  private static void produce(String bootstrap, String topic, List<String> values, long maxBlockMs)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, Object> props = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(topic, value, value)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Reads {@code topic} from the beginning with a consumer group until {@code count} values arrived. */
  static List<String> consume(String bootstrap, String topic, String group, int count) {
    Map<String, Object> props = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, group,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<String> values = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      while (values.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
      consumer.commitSync();
    }
    return values;
  }
}
