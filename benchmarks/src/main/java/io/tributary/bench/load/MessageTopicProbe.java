package io.tributary.bench.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts the records on the node's message topic by summing its partitions' end offsets, so that
 * ingest is measured where it ends (in Kafka) rather than where it starts (written to the socket):
 * the only way to see QoS 0 ingest, which nothing acknowledges.
 */
final class MessageTopicProbe implements AutoCloseable {

  private final Admin admin;
  private final List<TopicPartition> partitions;

  private MessageTopicProbe(Admin admin, List<TopicPartition> partitions) {
    this.admin = admin;
    this.partitions = partitions;
  }

  /** A probe of {@code topic} on {@code bootstrap}, or null when no bootstrap is given. */
  static MessageTopicProbe of(String bootstrap, String topic) throws Exception {
    if (bootstrap == null || bootstrap.isBlank()) {
      return null;
    }
    Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    try {
      TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      List<TopicPartition> partitions = d.partitions().stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      return new MessageTopicProbe(admin, partitions);
    } catch (Exception e) {
      admin.close();
      throw e;
    }
  }

  /** The sum of the partitions' end offsets now. */
  long records() throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
        .mapToLong(info -> info.offset()).sum();
  }

  @Override
  public void close() {
    admin.close();
  }
}
