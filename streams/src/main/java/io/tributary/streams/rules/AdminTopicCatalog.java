package io.tributary.streams.rules;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform cluster's topics and partition counts, refreshed every {@value #REFRESH_SECONDS} s
 * by an admin client on its own thread: a topic created for a kafka action is usable within
 * seconds, and a stream thread never blocks on a topic that does not exist. Only stream tasks ask,
 * so while the rules job is stopped ({@link #active} false) the timer skips the refresh, and
 * {@link #refreshNow} brings the list up to date before the job starts again.
 */
final class AdminTopicCatalog implements TopicCatalog, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdminTopicCatalog.class);
  static final int REFRESH_SECONDS = 2;

  private final Admin admin;
  private final ScheduledExecutorService timer;
  private volatile Map<String, Integer> partitions = Map.of();
  private volatile boolean active = true;

  AdminTopicCatalog(Properties adminProperties) {
    this.admin = Admin.create(adminProperties);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tributary-rules-topics");
      t.setDaemon(true);
      return t;
    });
    refresh();
    timer.scheduleWithFixedDelay(() -> {
      if (active) {
        refresh();
      }
    }, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
  }

  /** Whether the timer refreshes the list (while a Streams instance runs). */
  void active(boolean refreshing) {
    active = refreshing;
  }

  /** Refreshes the list now, on the calling thread. */
  void refreshNow() {
    refresh();
  }

  @Override
  public Integer partitions(String topic) {
    return partitions.get(topic);
  }

  private void refresh() {
    try {
      Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
      Map<String, Integer> next = new HashMap<>();
      described.forEach((name, d) -> next.put(name, d.partitions().size()));
      partitions = Map.copyOf(next);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("Cannot refresh the topic list: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    admin.close();
  }
}
