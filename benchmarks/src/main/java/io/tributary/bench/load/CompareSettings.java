package io.tributary.bench.load;

import picocli.CommandLine.Option;

/** Options of the {@code compare} mode only. */
public final class CompareSettings {

  @Option(names = "--kafka-partitions", description = "Partitions of ProducerPerformance's topic; the node's "
      + "message topic has kafka.partitions, 6 by default (default: ${DEFAULT-VALUE}).")
  public int kafkaPartitions = 6;

  @Option(names = "--kafka-records", description = "Records ProducerPerformance sends (default: ${DEFAULT-VALUE}).")
  public long kafkaRecords = 2_000_000;

  @Option(names = "--e2e-records", description = "Round trips EndToEndLatency measures, and the "
      + "probe that repeats its method to the microsecond (default: ${DEFAULT-VALUE}).")
  public long e2eRecords = 5_000;

  @Option(names = "--latency-rate", description = "Open-loop rate of the d2d latency runs, msg/s (default: ${DEFAULT-VALUE}).")
  public double latencyRate = 5_000;

  @Option(names = "--gateway-linger-ms", description = "linger.ms of the node's Kafka producer (kafka.producer.linger.ms), "
      + "for the probe of Kafka's latency at the latency run's rate, which batches the same way; "
      + "benchmarks/compare.sh passes TRIBUTARY_KAFKA_PRODUCER_LINGER_MS when set (default: ${DEFAULT-VALUE}, the node's default).")
  public int gatewayLingerMs = 0;

  @Option(names = "--gateway-max-in-flight", description = "max.in.flight.requests.per.connection of the node's Kafka "
      + "producer, for the same probe; benchmarks/compare.sh passes "
      + "TRIBUTARY_KAFKA_PRODUCER_MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION when set (default: ${DEFAULT-VALUE}, the node's default).")
  public int gatewayMaxInFlight = 1;

  @Option(names = "--mosquitto", description = "mosquitto executable (default: /usr/sbin/mosquitto if present).")
  public String mosquitto;

  @Option(names = "--with-connections", description = "Also ramp this many idle connections on Tributary "
      + "(0: skip) (default: ${DEFAULT-VALUE}).")
  public int withConnections;

  @Option(names = "--with-shadow", description = "Also run the shadow scenario on Tributary.")
  public boolean withShadow;

  @Option(names = "--jit-warmup", description = "Seconds of unrecorded load on Tributary before its measured runs, "
      + "so that they measure compiled code, not the JIT compiler (a fresh node spends its first minute compiling "
      + "Kafka, Vert.x and Netty): half fan-in, half device-to-device, then a sixth of it device-to-device at the "
      + "latency run's rate, and with --with-shadow half of it of shadow updates (default: ${DEFAULT-VALUE})")
  public int jitWarmup = 30;

  @Option(names = "--server-nice", description = "Niceness of the brokers under test: benchmarks/compare.sh starts "
      + "the node with it (BENCH_SERVER_NICE) and passes it here for mosquitto. Negative values (root only) give the "
      + "broker the cores before the load generator, which shares them (default: ${DEFAULT-VALUE}: same priority).")
  public int serverNice;

  @Option(names = "--with-rules", description = "Also run the rules scenario on Tributary with this many rules "
      + "installed (0: skip) (default: ${DEFAULT-VALUE}).")
  public int withRules;
}
