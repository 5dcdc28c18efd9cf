package io.tributary.kafka.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a KRaft log directory exactly once, like {@code kafka-storage.sh format}. The cluster id
 * is written into the directory's {@code meta.properties}, so restarts keep their identity and data.
 */
final class LogDirFormatter {
  private static final Logger LOG = LoggerFactory.getLogger(LogDirFormatter.class);
  static final String META_PROPERTIES = "meta.properties";

  private LogDirFormatter() {}

  /** True when {@code logDir} already holds a formatted KRaft log directory. */
  static boolean isFormatted(Path logDir) {
    return Files.isRegularFile(logDir.resolve(META_PROPERTIES));
  }

  /** Formats {@code logDir} with a fresh cluster id unless it is formatted already; returns whether it formatted. */
  static boolean formatIfNeeded(Path logDir) throws IOException {
    if (isFormatted(logDir)) {
      return false;
    }
    Files.createDirectories(logDir);
    String clusterId = Uuid.randomUuid().toString();
    Formatter formatter = new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
        .setClusterId(clusterId)
        .setNodeId(BrokerSettings.NODE_ID)
        .setControllerListenerName(BrokerSettings.CONTROLLER_LISTENER)
        .setMetadataLogDirectory(logDir.toString())
        .setDirectories(List.of(logDir.toString()))
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setSupportedFeatures(Feature.PRODUCTION_FEATURES);
    try {
      formatter.run();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot format Kafka log directory " + logDir + ": " + e.getMessage(), e);
    }
    LOG.info("Formatted Kafka log directory {} for cluster {}", logDir, clusterId);
    return true;
  }
}
