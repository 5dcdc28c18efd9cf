package io.tributary.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster running inside this JVM: one KRaft server with the combined
 * {@code broker,controller} roles, listening on 127.0.0.1 only.
 *
 * <p>The log directory is formatted on first start (a new cluster id is written into it) and
 * reused afterwards, so stopping and starting again on the same directory keeps every topic,
 * record and committed offset. Topics are not auto-created.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), 0)) {
 *   producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int BIND_ATTEMPTS = 3;
  /**
   * The broker reaches the Log4j 2 API (for its runtime log-level endpoint) but Tributary logs
   * through SLF4J and ships no Log4j implementation; naming Log4j's built-in simple factory stops
   * it from printing "could not find a logging implementation" at start-up.
   */
  private static final String LOG4J_CONTEXT_FACTORY = "log4j2.loggerContextFactory";

  static {
    if (System.getProperty(LOG4J_CONTEXT_FACTORY) == null) {
      System.setProperty(LOG4J_CONTEXT_FACTORY, "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
    }
  }

  private final KafkaRaftServer server;
  private final Path logDir;
  private final int port;
  private volatile boolean closed;

  private EmbeddedKafka(KafkaRaftServer server, Path logDir, int port) {
    this.server = server;
    this.logDir = logDir;
    this.port = port;
  }

  /**
   * Starts a broker storing its data in {@code logDir} and serving clients on {@code port} of
   * 127.0.0.1 ({@code 0} picks a free port). Returns once the broker accepts clients.
   */
  public static EmbeddedKafka start(Path logDir, int port) {
    return start(logDir, port, Map.of());
  }

  /** Like {@link #start(Path, int)}, with broker properties that override the embedded defaults. */
  public static EmbeddedKafka start(Path logDir, int port, Map<String, String> overrides) {
    Path dir = logDir.toAbsolutePath().normalize();
    try {
      LogDirFormatter.formatIfNeeded(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Kafka log directory " + dir, e);
    }
    RuntimeException last = null;
    // Ports we pick ourselves may be taken by someone else before Kafka binds them: pick again.
    int attempts = port == 0 ? BIND_ATTEMPTS : 1;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      int clientPort = port == 0 ? FreePort.find() : port;
      int controllerPort = FreePort.find();
      try {
        return startOnce(dir, clientPort, controllerPort, overrides);
      } catch (RuntimeException e) {
        last = e;
        LOG.warn("Embedded Kafka failed to start on port {} (attempt {}/{}): {}", clientPort, attempt, attempts, e.toString());
      }
    }
    throw last;
  }

  private static EmbeddedKafka startOnce(Path dir, int clientPort, int controllerPort, Map<String, String> overrides) {
    long started = System.nanoTime();
    KafkaConfig config = new KafkaConfig(BrokerSettings.of(dir, clientPort, controllerPort, overrides), false);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      stop(server);
      throw e;
    }
    LOG.info("Embedded Kafka started at {}:{} in {} ms (data in {})",
        BrokerSettings.HOST, clientPort, (System.nanoTime() - started) / 1_000_000, dir);
    return new EmbeddedKafka(server, dir, clientPort);
  }

  /** The {@code bootstrap.servers} value for clients of this broker. */
  public String bootstrapServers() {
    return BrokerSettings.HOST + ":" + port;
  }

  /** The port clients connect to. */
  public int port() {
    return port;
  }

  /** The formatted log directory holding this broker's data and metadata. */
  public Path logDir() {
    return logDir;
  }

  /** True until {@link #close()} was called. */
  public boolean isRunning() {
    return !closed;
  }

  /** Stops the broker and waits for it; the log directory stays for a later restart. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long started = System.nanoTime();
    stop(server);
    LOG.info("Embedded Kafka at {} stopped in {} ms", bootstrapServers(), (System.nanoTime() - started) / 1_000_000);
  }

  private static void stop(KafkaRaftServer server) {
    server.shutdown();
    server.awaitShutdown();
  }
}
