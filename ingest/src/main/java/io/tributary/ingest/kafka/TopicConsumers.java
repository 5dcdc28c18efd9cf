package io.tributary.ingest.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * What the gateway's topic readers (message feed, retained view, session view) share: each owns a
 * group-less consumer assigned every partition of one topic, polled by a thread of its own.
 */
public final class TopicConsumers {
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  private TopicConsumers() {}

  /** Assigns every partition of {@code topic} to {@code consumer} and returns them. */
  public static List<TopicPartition> assignAll(KafkaConsumer<?, ?> consumer, String topic) {
    List<TopicPartition> parts = new ArrayList<>();
    for (PartitionInfo p : consumer.partitionsFor(topic, METADATA_TIMEOUT)) {
      parts.add(new TopicPartition(topic, p.partition()));
    }
    consumer.assign(parts);
    return parts;
  }

  /**
   * Stops a reader whose loop has already been told to end: wakes its consumer out of {@code poll}
   * and waits for the thread (which closes the consumer) to finish.
   */
  public static void stop(KafkaConsumer<?, ?> consumer, Thread reader) {
    consumer.wakeup();
    try {
      reader.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
