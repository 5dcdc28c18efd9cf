package io.tributary.connectors;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Writes a record to a topic of the platform's own Kafka cluster; completes when acknowledged. */
public interface PlatformWriter extends AutoCloseable {

  /**
   * @param key record key, or null
   * @param partition explicit partition, or null
   */
  CompletableFuture<Void> write(String topic, byte[] key, byte[] value, Integer partition, List<Target.Header> headers);

  @Override
  void close();
}
