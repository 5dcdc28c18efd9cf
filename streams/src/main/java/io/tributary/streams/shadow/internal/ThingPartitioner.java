package io.tributary.streams.shadow.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions shadow keys by thing name only, so every shadow of a thing lives in one task: its
 * requests share one rate limiter, counting its named shadows is a local prefix scan, and one
 * interactive query lists them. Same hash as Kafka's default partitioner.
 */
public final class ThingPartitioner<V> implements StreamPartitioner<String, V> {
  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
    return Optional.of(Set.of(partition(key, numPartitions)));
  }

  /** The partition of any key of the thing {@code ShadowKeys.thingOf(key)}. */
  public static int partition(String key, int numPartitions) {
    byte[] thing = ShadowKeys.thingOf(key).getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(thing)) % numPartitions;
  }
}
