package io.tributary.ingest.kafka;

import io.tributary.core.config.KafkaConfig;
import io.tributary.core.config.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the gateway's topics when they are missing; existing topics are left as they are. */
public final class TopicSetup {
  /** Retention of the shadow-requests topic: one day. */
  public static final long SHADOW_REQUESTS_RETENTION_MS = 24L * 3600 * 1000;

  private TopicSetup() {}

  public static void ensureTopics(String bootstrap, KafkaConfig kafka) {
    TopicNames names = kafka.topics();
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.putAll(kafka.producer.entrySet().stream()
        .filter(e -> e.getKey().startsWith("security.") || e.getKey().startsWith("sasl.") || e.getKey().startsWith("ssl."))
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      if (!existing.contains(names.messages())) {
        // Retention bounds how long an offline persistent session can be resumed: 7 days, AWS's maximum session expiry.
        missing.add(new NewTopic(names.messages(), kafka.partitions, kafka.replicationFactor)
            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(7L * 24 * 3600 * 1000 + 3600_000))));
      }
      if (!existing.contains(names.shadowRequests())) {
        // The shadow job's input, read from its group's committed offsets: requests wait here while
        // no shadow job runs, for up to a day; the message topic keeps its own copy for subscribers.
        missing.add(new NewTopic(names.shadowRequests(), kafka.partitions, kafka.replicationFactor)
            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(SHADOW_REQUESTS_RETENTION_MS))));
      }
      if (!existing.contains(names.retained())) {
        missing.add(compacted(names.retained(), kafka));
      }
      if (!existing.contains(names.sessions())) {
        missing.add(compacted(names.sessions(), kafka));
      }
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create Tributary's topics on " + bootstrap + ": " + e.getMessage(), e);
    }
  }

  private static NewTopic compacted(String name, KafkaConfig kafka) {
    return new NewTopic(name, kafka.partitions, kafka.replicationFactor)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "60000"));
  }
}
