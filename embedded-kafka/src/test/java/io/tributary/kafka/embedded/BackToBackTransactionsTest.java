package io.tributary.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka Streams' exactly-once producers run transactions back to back. With transactions version 2
 * the broker adds a partition to the transaction when the first batch for it arrives; while the
 * previous transaction's markers are still being written, the coordinator answers
 * CONCURRENT_TRANSACTIONS. Kafka's default gives up waiting for that after 100 ms and returns the
 * error to the producer, whose pipelined batches then fail with OUT_OF_ORDER_SEQUENCE_NUMBER and
 * are all retried with backoff: the retry storm a loaded machine turned into a stalled shadow job.
 * The embedded broker waits for the markers instead, so the producer sees no error at all.
 */
class BackToBackTransactionsTest {
  @TempDir
  Path dir;

  @Test
  void theBrokerWaitsForThePreviousTransactionInsteadOfFailingTheProducersBatches() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
      Clients.createTopic(kafka.bootstrapServers(), "txn", 12);
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "back-to-back");
      p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
        producer.initTransactions();
        for (int txn = 0; txn < 100; txn++) {
          producer.beginTransaction();
          for (int i = 0; i < 60; i++) {
            producer.send(new ProducerRecord<>("txn", i % 12, "k", "txn " + txn + " record " + i));
          }
          producer.commitTransaction();
        }
        assertThat(metric(producer, "record-retry-total")).as("batches retried").isZero();
        assertThat(metric(producer, "record-error-total")).as("batches failed").isZero();
      }
    }
  }

  private static double metric(KafkaProducer<?, ?> producer, String name) {
    for (Map.Entry<MetricName, ? extends Metric> e : producer.metrics().entrySet()) {
      if (e.getKey().name().equals(name) && e.getKey().group().equals("producer-metrics")) {
        return ((Number) e.getValue().metricValue()).doubleValue();
      }
    }
    throw new AssertionError("no producer metric " + name);
  }
}
