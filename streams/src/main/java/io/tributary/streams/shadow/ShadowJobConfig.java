package io.tributary.streams.shadow;

import io.tributary.core.config.ShadowConfig;
import io.tributary.core.config.TopicNames;
import io.tributary.core.config.TributaryConfig;
import io.tributary.shadow.ShadowLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the shadow job needs to run on one node.
 *
 * @param bootstrapServers     the Kafka cluster
 * @param topics               Tributary's topic names; the application id is {@code <prefix>shadow}
 * @param nodeId               this node, written as the source node of every response
 * @param stateDir             the Kafka Streams state directory, {@code <dataDir>/streams} on a node
 * @param applicationServer    {@code host:port} of this node's HTTP listener, announced to the other
 *                             instances for interactive queries
 * @param limits               the shadow service's limits
 * @param streamThreads        Kafka Streams threads
 * @param commitIntervalMillis how often transactions commit (how long responses wait, at most)
 * @param replicationFactor    of the job's internal topics
 * @param clock                stamps the responses' receive time
 * @param overrides            extra Kafka Streams properties, applied last
 */
public record ShadowJobConfig(
    String bootstrapServers,
    TopicNames topics,
    String nodeId,
    Path stateDir,
    String applicationServer,
    ShadowLimits limits,
    int streamThreads,
    long commitIntervalMillis,
    int replicationFactor,
    Clock clock,
    Map<String, String> overrides) {

  public ShadowJobConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(applicationServer, "applicationServer");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(clock, "clock");
    overrides = Map.copyOf(overrides);
  }

  /** The job of a node configured by {@code config}, keeping its state under {@code dataDir/streams}. */
  public static ShadowJobConfig of(TributaryConfig config, String bootstrapServers, String nodeId, Path dataDir,
      String applicationServer) {
    ShadowConfig shadow = config.shadow;
    Map<String, String> security = new LinkedHashMap<>();
    config.kafka.producer.forEach((key, value) -> {
      if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
        security.put(key, value);
      }
    });
    return new ShadowJobConfig(bootstrapServers, config.kafka.topics(), nodeId, dataDir.resolve("streams"),
        applicationServer, limits(shadow), shadow.streamThreads, shadow.commitIntervalMillis,
        config.kafka.replicationFactor, Clock.systemUTC(), security);
  }

  /** A test or benchmark job with AWS's limits, one thread and a 50 ms commit interval. */
  public static ShadowJobConfig local(String bootstrapServers, TopicNames topics, String nodeId, Path stateDir,
      String applicationServer) {
    return new ShadowJobConfig(bootstrapServers, topics, nodeId, stateDir, applicationServer, ShadowLimits.aws(),
        1, 50, 1, Clock.systemUTC(), Map.of());
  }

  /** The service limits {@code config} describes (0 named shadows per thing means unlimited). */
  public static ShadowLimits limits(ShadowConfig config) {
    return new ShadowLimits(config.maxStateBytes, config.maxDepth, config.maxClientTokenBytes,
        config.maxNamedShadowsPerThing == 0 ? Integer.MAX_VALUE : config.maxNamedShadowsPerThing,
        config.maxRequestsPerSecondPerThing, Duration.ofSeconds(config.deletedVersionRetentionSeconds));
  }

  /** The Kafka Streams application id, shared by every node of the cluster. */
  public String applicationId() {
    return topics.prefix() + "shadow";
  }

  public ShadowJobConfig withLimits(ShadowLimits value) {
    return new ShadowJobConfig(bootstrapServers, topics, nodeId, stateDir, applicationServer, value, streamThreads,
        commitIntervalMillis, replicationFactor, clock, overrides);
  }

  public ShadowJobConfig withStateDir(Path value) {
    return new ShadowJobConfig(bootstrapServers, topics, nodeId, value, applicationServer, limits, streamThreads,
        commitIntervalMillis, replicationFactor, clock, overrides);
  }

  public ShadowJobConfig withOverrides(Map<String, String> value) {
    return new ShadowJobConfig(bootstrapServers, topics, nodeId, stateDir, applicationServer, limits, streamThreads,
        commitIntervalMillis, replicationFactor, clock, value);
  }
}
