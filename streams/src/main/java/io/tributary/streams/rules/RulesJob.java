package io.tributary.streams.rules;

import io.tributary.core.config.KafkaConfig;
import io.tributary.core.config.TopicNames;
import io.tributary.core.topic.MatchMode;
import io.tributary.rules.Lookups;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules job of one node: a Kafka Streams application {@code <prefix>rules} running
 * {@link RulesTopology} with {@code exactly_once_v2}, its state under {@code <dataDir>/streams}.
 * Every node runs it; the message topic's partitions are spread over the nodes.
 *
 * <pre>{@code
 * try (RulesJob job = RulesJob.start(new RulesJob.Options(bootstrap, config.kafka, nodeId,
 *     dataDir.resolve("streams"), MatchMode.MQTT, Clock.systemUTC()))) { ... }
 * }</pre>
 */
public final class RulesJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RulesJob.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Where and how the job runs.
   *
   * @param lookups the readers of {@code get_thing_shadow} and {@code get_registry_data}; called
   *     synchronously on the stream thread, so they must answer within a bounded time
   */
  public record Options(String bootstrap, KafkaConfig kafka, String nodeId, Path stateDir, MatchMode matchMode,
                        Clock clock, Lookups lookups) {
    /** Options without lookups: rules calling the lookup functions do not run. */
    public Options(String bootstrap, KafkaConfig kafka, String nodeId, Path stateDir, MatchMode matchMode, Clock clock) {
      this(bootstrap, kafka, nodeId, stateDir, matchMode, clock, Lookups.none());
    }
  }

  private final KafkaStreams streams;
  private final AdminTopicCatalog topics;
  private final RulesMetrics metrics = new RulesMetrics();
  private final RuleCatalog catalog = new RuleCatalog();

  private RulesJob(Options options) {
    TopicNames names = options.kafka().topics();
    Properties admin = clientSecurity(options);
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
    ensureTopics(admin, options.kafka());
    topics = new AdminTopicCatalog(admin);
    RulesTopology.Settings settings = new RulesTopology.Settings(names, options.nodeId(), options.clock(),
        options.matchMode(), topics, options.lookups());
    streams = new KafkaStreams(RulesTopology.build(settings, metrics, catalog), properties(options));
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("Rules job stream thread failed; replacing it", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
  }

  /**
   * True while no rule is enabled. The job still reads the message topic then, at the cost of a
   * snapshot check per message, rather than pausing: a paused job would have to read through all
   * it missed before a new rule saw its first message, which after a long idle period is not
   * "within seconds" (Kafka Streams cannot skip ahead).
   */
  public boolean isIdle() {
    return !catalog.snapshot().anyEnabled();
  }

  /** Creates the rules topics when missing, starts the job and waits until it runs. */
  public static RulesJob start(Options options) {
    RulesJob job = new RulesJob(options);
    try {
      job.awaitRunning();
      return job;
    } catch (RuntimeException e) {
      job.close();
      throw e;
    }
  }

  private void awaitRunning() {
    CountDownLatch running = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR) {
        running.countDown();
      }
    });
    streams.start();
    try {
      if (!running.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || streams.state() == KafkaStreams.State.ERROR) {
        throw new IllegalStateException("the rules job did not reach RUNNING (state " + streams.state() + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the rules job", e);
    }
  }

  public RulesMetrics metrics() {
    return metrics;
  }

  /**
   * Names of the enabled rules this node's job has compiled. A message published after a rule
   * shows up here is evaluated with it.
   */
  public Set<String> activeRules() {
    Set<String> names = new java.util.TreeSet<>();
    catalog.snapshot().rules().forEach((name, rule) -> {
      if (!rule.rule().disabled()) {
        names.add(name);
      }
    });
    return names;
  }

  /** True while the Streams application runs or rebalances. */
  public boolean isHealthy() {
    KafkaStreams.State s = streams.state();
    return s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING;
  }

  static Properties properties(Options options) {
    Properties p = clientSecurity(options);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, options.kafka().topics().rules());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, options.stateDir().toString());
    p.put(StreamsConfig.CLIENT_ID_CONFIG, options.kafka().topics().rules() + "-" + options.nodeId());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) options.kafka().replicationFactor);
    p.put(StreamsConfig.producerPrefix("linger.ms"), "5");
    p.put(StreamsConfig.consumerPrefix("fetch.max.wait.ms"), "50");
    // Fewer, larger fetches of the message topic (the job reads all of it): at most 50 ms later.
    p.put(StreamsConfig.consumerPrefix("fetch.min.bytes"), String.valueOf(32 * 1024));
    // Each task reads one partition of one topic (the rules come through the global store), so there
    // is nothing to wait for; with the default (0) Kafka Streams formats a log line per empty-queue check.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
    return p;
  }

  /** The security settings of the user's Kafka client overrides, for every client of the job. */
  private static Properties clientSecurity(Options options) {
    Properties p = new Properties();
    for (Map<String, String> overrides : List.of(options.kafka().producer, options.kafka().consumer)) {
      overrides.forEach((k, v) -> {
        if (k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
          p.put(k, v);
        }
      });
    }
    return p;
  }

  private static void ensureTopics(Properties adminProperties, KafkaConfig kafka) {
    TopicNames names = kafka.topics();
    try (Admin admin = Admin.create(adminProperties)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      if (!existing.contains(names.rules())) {
        missing.add(new NewTopic(names.rules(), 1, kafka.replicationFactor)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
      }
      if (!existing.contains(names.ruleActions())) {
        missing.add(new NewTopic(names.ruleActions(), kafka.partitions, kafka.replicationFactor)
            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(7).toMillis()))));
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create the rules topics: " + e.getCause().getMessage(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the rules topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out creating the rules topics", e);
    }
  }

  /** Stops the Streams application (committing its last transaction) and the topic catalog. */
  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
    topics.close();
  }
}
