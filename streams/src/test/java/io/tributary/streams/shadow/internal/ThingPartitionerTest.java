package io.tributary.streams.shadow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.shadow.ShadowId;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/**
 * The gateway writes shadow requests keyed by thing name with Kafka's default partitioner; the job
 * finds a thing's store partition with {@link ThingPartitioner}. They must agree for every key of
 * the thing, or REST reads would look in the wrong partition.
 */
class ThingPartitionerTest {
  @Test
  void agreesWithTheProducersDefaultPartitionerForEveryShadowOfAThing() {
    for (int partitions : new int[] {1, 2, 3, 6, 12, 64}) {
      for (int i = 0; i < 500; i++) {
        String thing = i % 3 == 0 ? "thing-" + i : i % 3 == 1 ? "Ünïcode-" + i : "a:b_c-" + i;
        int producer = BuiltInPartitioner.partitionForKey(thing.getBytes(StandardCharsets.UTF_8), partitions);
        assertEquals(producer, ThingPartitioner.partition(ShadowKeys.prefix(thing), partitions), thing);
        assertEquals(producer, ThingPartitioner.partition(ShadowKeys.of(ShadowId.named(thing, "cfg")), partitions));
        assertEquals(producer, ThingPartitioner.partition(thing, partitions), "a bare thing name, as the requests' key");
      }
    }
  }
}
