package io.tributary.ingest.kafka;

import io.tributary.core.config.KafkaConfig;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Client properties the gateway uses, with the user's overrides from {@link KafkaConfig} applied last. */
public final class KafkaSettings {
  private KafkaSettings() {}

  /**
   * Durable and ordered: {@code acks=all} with the idempotent producer, so an acknowledged record is
   * on every in-sync replica and a retried batch is never written twice.
   */
  public static Properties producer(String bootstrap, KafkaConfig kafka, String clientId, long pendingLimitBytes) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Nagle's algorithm: a record leaves at once when no request is out to its broker, and records
    // handed in while one is out leave together when it returns. Batches grow with the load (a
    // request per round trip at most), and nothing waits for a timer: with linger.ms=1 and five
    // requests in flight, on 2 cores (8 connections, window 100), QoS 1 fan-in got 287,000-382,000
    // msg/s against 477,000-525,000 this way, publish -> subscriber p50 at 5,000 msg/s was
    // 1.0-1.9 ms against 0.47-0.55 ms, and the node used 50-70 % of a core at that rate against
    // 78-99 % (more, smaller requests while it is not busy). A broker handles one request of a
    // connection at a time anyway, so on a low-latency network little is lost by not pipelining.
    // README, Performance.
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    // Large batches: under a flood (QoS 0) fewer, bigger requests leave the broker more of the CPU.
    // Smaller ones fill and leave before the linger under heavy load, which QoS 1 publishers waiting
    // for acknowledgements gain from; measured on 2 cores (8 connections, 100-byte payloads), 32 KB
    // gave QoS 1 about 200,000 msg/s against 168,000, but QoS 0 115,000-145,000 against 174,000-236,000.
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
    // The gateway bounds what it hands to the producer itself (MessageLog); the producer's own buffer
    // is sized above that bound so that send() is not refused for want of memory.
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(Math.max(64L << 20, pendingLimitBytes * 2 + (16L << 20))));
    // How long a record may wait for its topic's metadata. MessageLog gives the producer 0 (send() on
    // an event loop must never wait) and retries a refused record on its sender thread this long.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
    // The producer forgets a topic it has not written to for this long, and the next record for it
    // waits for a metadata fetch (refused, so queued, with every record behind it). The gateway
    // writes to a handful of topics, some rarely (retained, shadow requests): keep them a day.
    p.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, String.valueOf(24L * 3600 * 1000));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(4 << 20));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.putAll(kafka.producer);
    return p;
  }

  /**
   * A consumer without a group: the gateway assigns partitions itself and tracks positions in its
   * own session state. Reads committed data only, so aborted transactional writes never reach a
   * subscriber.
   */
  public static Properties consumer(String bootstrap, KafkaConfig kafka, String clientId) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.putAll(kafka.consumer);
    return p;
  }
}
