package io.tributary.connectors;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A {@link PlatformWriter} over one Kafka producer; also used for external clusters. */
final class ProducerWriter implements PlatformWriter {
  private final Producer<byte[], byte[]> producer;

  ProducerWriter(Properties properties) {
    Properties p = new Properties();
    p.putAll(properties);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
  }

  @Override
  public CompletableFuture<Void> write(String topic, byte[] key, byte[] value, Integer partition,
                                      List<Target.Header> headers) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, key, value);
      for (Target.Header h : headers) {
        record.headers().add(h.key(), h.value() == null ? null : h.value().getBytes(StandardCharsets.UTF_8));
      }
      producer.send(record, (meta, error) -> {
        if (error == null) {
          done.complete(null);
        } else {
          done.completeExceptionally(error);
        }
      });
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
