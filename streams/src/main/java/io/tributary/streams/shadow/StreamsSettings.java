package io.tributary.streams.shadow;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams properties of the shadow job. */
final class StreamsSettings {
  /** The producer's batch size: one partition's records of one commit interval at a high rate. */
  static final int BATCH_BYTES = 64 * 1024;
  /** The main consumer's fetch: this many bytes of requests, or {@link #FETCH_MAX_WAIT_MS}. */
  static final int FETCH_MIN_BYTES = 16 * 1024;
  static final int FETCH_MAX_WAIT_MS = 10;

  private StreamsSettings() {}

  /** How long the producer holds records back: the commit interval, which flushes them anyway. */
  static long lingerMillis(ShadowJobConfig config) {
    return Math.max(5, config.commitIntervalMillis());
  }

  static Properties of(ShadowJobConfig config) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.CLIENT_ID_CONFIG, config.applicationId() + "-" + config.nodeId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.applicationServer());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(config.streamThreads()));
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(config.commitIntervalMillis()));
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.toString(config.replicationFactor()));
    // Responses and changelog records become visible only when their transaction commits, and every
    // commit flushes the producer first, so they need not leave before the commit: lingering for the
    // commit interval sends each partition's records of one transaction in one batch or a few. With
    // the former 5 ms a busy job sent a small batch per partition every few milliseconds, and the
    // per-batch work (the sender's requests, responses and sensors, the stream thread waking it, the
    // broker's request handling) was a large part of the job threads' CPU in ShadowJobBenchmark's
    // burst. 64 KB is about one partition's commit interval at ~10k updates/s on six partitions; a
    // full batch goes out at once anyway.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), Long.toString(lingerMillis(config)));
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), Integer.toString(BATCH_BYTES));
    // Requests are small (a few hundred bytes): with the broker answering a fetch as soon as one
    // byte is there, a job under a moderate load got a record or two per poll, and Kafka Streams'
    // per-iteration work (sensors, task bookkeeping) cost more than the updates themselves. A fetch
    // now waits for 16 KB or 10 ms, whichever comes first: up to 10 ms more per update at low rates,
    // nothing once requests arrive faster than 16 KB per 10 ms.
    p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), Integer.toString(FETCH_MIN_BYTES));
    p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), Integer.toString(FETCH_MAX_WAIT_MS));
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), "50");
    // Each task reads one partition (one source topic, no joins), so there is no other partition to
    // wait for; with the default (0) Kafka Streams formats a log line for every empty-queue check.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
    p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    p.putAll(config.overrides());
    return p;
  }
}
