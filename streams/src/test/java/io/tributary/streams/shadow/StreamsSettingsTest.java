package io.tributary.streams.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.core.config.TopicNames;
import io.tributary.shadow.ShadowLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {
  private static ShadowJobConfig config(long commitIntervalMillis, Map<String, String> overrides) {
    return new ShadowJobConfig("localhost:9092", new TopicNames("t."), "n1", Path.of("/tmp/unused"), "127.0.0.1:1",
        ShadowLimits.aws(), 1, commitIntervalMillis, 1, Clock.systemUTC(), overrides);
  }

  @Test
  void exactlyOnceWithTheProducerLingeringForTheCommitInterval() {
    Properties p = StreamsSettings.of(config(50, Map.of()));
    assertEquals(StreamsConfig.EXACTLY_ONCE_V2, p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    assertEquals("50", p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
    assertEquals("50", p.get(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG)));
    assertEquals("65536", p.get(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG)));
    assertEquals("200", StreamsSettings.of(config(200, Map.of()))
        .get(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG)));
    assertEquals("5", StreamsSettings.of(config(0, Map.of()))
        .get(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG)));
  }

  /** Kafka Streams resolves main.consumer.* over consumer.*: only the job's input fetch waits for bytes. */
  @Test
  void theMainConsumerBatchesItsFetchesAndTheRestoreConsumerDoesNot() {
    StreamsConfig streams = new StreamsConfig(StreamsSettings.of(config(50, Map.of())));
    Map<String, Object> main = streams.getMainConsumerConfigs("t.shadow", "c", 0);
    assertEquals("16384", String.valueOf(main.get(ConsumerConfig.FETCH_MIN_BYTES_CONFIG)));
    assertEquals("10", String.valueOf(main.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)));
    Map<String, Object> restore = streams.getRestoreConsumerConfigs("c");
    assertEquals(null, restore.get(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), "restoring reads as fast as it can");
    assertEquals("50", String.valueOf(restore.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)));
  }

  @Test
  void overridesComeLast() {
    Properties p = StreamsSettings.of(config(50, Map.of("producer.linger.ms", "7")));
    assertEquals("7", p.get(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG)));
  }
}
