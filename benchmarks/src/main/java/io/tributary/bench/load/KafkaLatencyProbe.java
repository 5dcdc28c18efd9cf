package io.tributary.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Kafka's end-to-end latency, to the microsecond, with Kafka's own clients on the node's broker.
 *
 * <p>Kafka's {@code EndToEndLatency} tool keeps each latency as whole milliseconds, truncated, so
 * its "1 ms" p50 is anything from 1.0 to 1.99 ms: too coarse for a reference that a 1.5 × goal is
 * measured against. Two measurements, each in a JVM of its own like the tool:
 * <ul>
 *   <li>{@code round-trip}: the tool's own method, to the microsecond. One record at a time: send
 *       it ({@code linger.ms=0}, the given acks), wait for the acknowledgement, poll until it is
 *       consumed ({@code fetch.max.wait.ms=0}), from the send to the consumption. Every round trip
 *       counts, the first included, as in the tool; its mean is the tool's "Avg latency" and checks
 *       that the two measure the same thing.</li>
 *   <li>{@code paced}: Kafka at the latency run's rate, with the node's clients. A producer configured
 *       as the gateway's (acks=all, idempotent, {@code linger.ms} and requests in flight as given, 128 KB batches; keys as
 *       many as the run's publishers, as the gateway keys by client) sends on an open-loop schedule,
 *       each record stamped with its due time, as the harness stamps its publishes; a consumer
 *       configured as the gateway's feed (read_committed, {@code fetch.max.wait.ms=50}) reads every
 *       partition. Both the acknowledgement (due time to the producer's callback) and the consumption
 *       (due time to the record in {@code poll}) are recorded, after a warm-up left out.</li>
 * </ul>
 * Each prints one summary line per histogram ({@link #summary}), which {@link #parse} reads back.
 */
@Command(name = "kafka-latency-probe", mixinStandardHelpOptions = true,
    description = "Kafka's end-to-end latency to the microsecond: round-trip (EndToEndLatency's method) or paced.")
final class KafkaLatencyProbe implements Callable<Integer> {

  /** Latency percentiles of one histogram, in milliseconds with microsecond resolution. */
  record Latency(long count, double meanMs, double p50Ms, double p99Ms, double p999Ms, double maxMs) {

    static Latency of(Histogram h) {
      return new Latency(h.getTotalCount(), h.getMean() / 1000.0, h.getValueAtPercentile(50) / 1000.0,
          h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
    }
  }

  /** The paced measurement: what the producer saw acknowledged and what the consumer received. */
  record Paced(Latency acknowledged, Latency consumed) {}

  private static final Pattern SUMMARY = Pattern.compile("^latency (\\S+): (\\d+) records, mean ([\\d.]+) ms, "
      + "p50 ([\\d.]+) ms, p99 ([\\d.]+) ms, p99\\.9 ([\\d.]+) ms, max ([\\d.]+) ms$", Pattern.MULTILINE);
  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);
  private static final Duration POLL = Duration.ofMillis(100);

  @Option(names = "--mode", required = true, description = "round-trip or paced")
  String mode;
  @Option(names = "--bootstrap-server", required = true)
  String bootstrap;
  @Option(names = "--topic", required = true)
  String topic;
  @Option(names = "--record-size", defaultValue = "100")
  int recordSize;
  @Option(names = "--records", defaultValue = "5000", description = "round-trip: round trips")
  long records;
  @Option(names = "--acks", defaultValue = "all", description = "round-trip: the producer's acks")
  String acks;
  @Option(names = "--rate", defaultValue = "5000", description = "paced: records a second")
  double rate;
  @Option(names = "--keys", defaultValue = "8", description = "paced: distinct keys, one per publisher of the run")
  int keys;
  @Option(names = "--linger-ms", defaultValue = "0", description = "paced: the producer's linger.ms")
  int lingerMs;
  @Option(names = "--max-in-flight", defaultValue = "1",
      description = "paced: the producer's max.in.flight.requests.per.connection")
  int maxInFlight;
  @Option(names = "--warmup-seconds", defaultValue = "10", description = "paced: seconds left out first")
  int warmupSeconds;
  @Option(names = "--seconds", defaultValue = "20", description = "paced: seconds measured")
  int seconds;

  public static void main(String[] args) {
    System.exit(new CommandLine(new KafkaLatencyProbe()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    switch (mode) {
      case "round-trip" -> System.out.println(summary("round-trip", roundTrip(bootstrap, topic, records, recordSize, acks)));
      case "paced" -> {
        Paced p = paced(bootstrap, topic, rate, keys, lingerMs, maxInFlight, warmupSeconds, seconds, recordSize);
        System.out.println(summary("acknowledged", p.acknowledged()));
        System.out.println(summary("consumed", p.consumed()));
      }
      default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown --mode " + mode);
    }
    return 0;
  }

  /**
   * EndToEndLatency's method to the microsecond, on {@code topic} (which must exist; one partition,
   * as the tool creates it): send, wait for the acknowledgement, poll until consumed, repeat.
   */
  static Latency roundTrip(String bootstrap, String topic, long records, int recordSize, String acks) {
    Histogram h = new Histogram(HIGHEST_MICROS, 3);
    TopicPartition partition = new TopicPartition(topic, 0);
    Map<String, Object> consumerConfig = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "0");
    Map<String, Object> producerConfig = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.LINGER_MS_CONFIG, "0",
        ProducerConfig.ACKS_CONFIG, acks);
    try (var consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
         var producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToEnd(List.of(partition));
      consumer.position(partition);
      byte[] value = new byte[Math.max(Long.BYTES, recordSize)]; // room for the sequence number
      for (long i = 0; i < records; i++) {
        ByteBuffer.wrap(value).putLong(i);
        long begin = System.nanoTime();
        producer.send(new ProducerRecord<>(topic, 0, null, value)).get(1, TimeUnit.MINUTES);
        awaitRecord(consumer, i, begin);
        h.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - begin) / 1000));
      }
    } catch (Exception e) {
      throw new IllegalStateException("round trip on " + topic + " failed: " + e, e);
    }
    return Latency.of(h);
  }

  private static void awaitRecord(KafkaConsumer<byte[], byte[]> consumer, long sequence, long begin) {
    while (System.nanoTime() - begin < TimeUnit.MINUTES.toNanos(1)) {
      ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
      for (ConsumerRecord<byte[], byte[]> r : polled) {
        long got = ByteBuffer.wrap(r.value()).getLong();
        if (got != sequence) {
          throw new IllegalStateException("expected record " + sequence + ", consumed " + got);
        }
        return;
      }
    }
    throw new IllegalStateException("record " + sequence + " not consumed within a minute");
  }

  /**
   * Kafka carrying {@code rate} records a second on {@code topic} (which must exist) with the node's
   * client settings: see the class comment. Each value carries its due time; nothing is lost (the
   * consumer must see every record sent).
   */
  static Paced paced(String bootstrap, String topic, double rate, int keys, int lingerMs, int maxInFlight,
                     int warmupSeconds, int seconds, int recordSize) throws InterruptedException {
    Map<String, Object> producerConfig = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, Integer.toString(maxInFlight),
        ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs),
        ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
    Map<String, Object> consumerConfig = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    long total = Math.round(rate * (warmupSeconds + seconds));
    long warmup = Math.round(rate * warmupSeconds);
    Histogram acknowledged = new Histogram(HIGHEST_MICROS, 3);
    Histogram consumed = new Histogram(HIGHEST_MICROS, 3);
    AtomicLong failures = new AtomicLong();
    String[] keyNames = new String[Math.max(1, keys)];
    Arrays.setAll(keyNames, i -> "publisher-" + i);
    try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
         var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      producer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      Thread reader = new Thread(() -> consume(consumer, total, warmup, consumed), "probe-consumer");
      reader.start();
      OpenLoopSchedule schedule = new OpenLoopSchedule(System.nanoTime(), rate);
      for (long i = 0; i < total; i++) {
        long due = schedule.dueAt(i);
        for (long wait; (wait = due - System.nanoTime()) > 0; ) {
          LockSupport.parkNanos(wait);
        }
        byte[] value = new byte[Math.max(16, recordSize)];
        ByteBuffer.wrap(value).putLong(due).putLong(i);
        boolean measured = i >= warmup;
        producer.send(new ProducerRecord<>(topic, keyNames[(int) (i % keyNames.length)], value), (meta, error) -> {
          if (error != null) {
            failures.incrementAndGet();
          } else if (measured) {
            acknowledged.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - due) / 1000));
          }
        });
      }
      producer.flush();
      reader.join(TimeUnit.MINUTES.toMillis(2));
      if (reader.isAlive()) {
        reader.interrupt();
        consumer.wakeup();
        reader.join();
      }
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " records were not acknowledged");
    }
    if (consumed.getTotalCount() != total - warmup) {
      throw new IllegalStateException("consumed " + consumed.getTotalCount() + " of the " + (total - warmup)
          + " measured records");
    }
    return new Paced(Latency.of(acknowledged), Latency.of(consumed));
  }

  private static void consume(KafkaConsumer<String, byte[]> consumer, long total, long warmup, Histogram consumed) {
    long seen = 0;
    try {
      while (seen < total) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
          long now = System.nanoTime();
          ByteBuffer value = ByteBuffer.wrap(r.value());
          long due = value.getLong();
          if (value.getLong() >= warmup) {
            consumed.recordValue(Math.min(HIGHEST_MICROS, (now - due) / 1000));
          }
          seen++;
        }
      }
    } catch (WakeupException e) {
      // gave up waiting: the count check reports what is missing
    }
  }

  /** One histogram as a line {@link #parse} reads back. */
  static String summary(String name, Latency l) {
    return String.format(Locale.ROOT, "latency %s: %d records, mean %.3f ms, p50 %.3f ms, p99 %.3f ms, "
        + "p99.9 %.3f ms, max %.3f ms", name, l.count(), l.meanMs(), l.p50Ms(), l.p99Ms(), l.p999Ms(), l.maxMs());
  }

  /** The summary named {@code name} in a probe's output. */
  static Latency parse(String output, String name) throws IOException {
    for (Matcher m = SUMMARY.matcher(output); m.find(); ) {
      if (m.group(1).equals(name)) {
        return new Latency(Long.parseLong(m.group(2)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)),
            Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6)), Double.parseDouble(m.group(7)));
      }
    }
    throw new IOException("no '" + name + "' summary in the latency probe's output:\n" + output);
  }
}
