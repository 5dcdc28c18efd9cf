package io.tributary.streams.shadow.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The partition of a thing's shadows: murmur2 of the UTF-8 thing name, exactly what Kafka's default
 * partitioner computes for the gateway's shadow-requests records (keyed by thing name). Every shadow
 * of a thing lives in one task: its requests share one rate limiter, counting its named shadows is
 * a local prefix scan, and one interactive query lists them. The job uses it to locate a thing's
 * store partition ({@code queryMetadataForKey}); it must agree with the producer's partitioning,
 * which {@code ThingPartitionerTest} checks against {@code BuiltInPartitioner}.
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
