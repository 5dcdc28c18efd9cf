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
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules job of one node: a Kafka Streams application {@code <prefix>rules} running
 * {@link RulesTopology} with {@code exactly_once_v2}, its state under {@code <dataDir>/streams},
 * run only while some rule is enabled. Every node runs it; the message topic's partitions are
 * spread over the nodes that run it.
 *
 * <p>The rules come from the rules topic through a {@link RuleCatalogReader}, which runs for the
 * job's whole life. A supervisor thread starts and stops the Streams instance:
 * <ul>
 *   <li>when no rule has been enabled for {@link Options#idleStopAfter} it closes the instance,
 *   leaving the consumer group (the last transaction is committed first), so an idle job neither
 *   fetches nor processes anything;</li>
 *   <li>when a rule is enabled and no instance runs, it first moves the group's committed offsets
 *   forward ({@link SkipAhead}) to the first message written at or after the earliest
 *   {@link CompiledTopicRule#effectiveFrom} of the enabled rules (less {@link #SKIP_MARGIN}), then
 *   starts a new instance. No enabled rule may see the messages skipped, so the first rule after a
 *   long idle period takes effect within seconds. Kafka refuses the move while the group has
 *   members: then another node already started (and moved the offsets itself, or was running all
 *   along), and this node just joins.</li>
 * </ul>
 *
 * <pre>{@code
 * try (RulesJob job = RulesJob.start(new RulesJob.Options(bootstrap, config.kafka, nodeId,
 *     dataDir.resolve("streams"), MatchMode.MQTT, Clock.systemUTC()))) { ... }
 * }</pre>
 */
public final class RulesJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RulesJob.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
  /** Skip ahead to this much before the earliest enabled rule: reading a little more is harmless. */
  static final Duration SKIP_MARGIN = Duration.ofSeconds(1);
  /** How long no rule must be enabled before the Streams instance is closed, unless configured. */
  public static final Duration DEFAULT_IDLE_STOP_AFTER = Duration.ofSeconds(10);

  /**
   * Where and how the job runs.
   *
   * @param lookups the readers of {@code get_thing_shadow} and {@code get_registry_data}; called
   *     synchronously on the stream thread, so they must answer within a bounded time
   * @param idleStopAfter how long no rule must be enabled before the job's Streams instance is
   *     closed (it restarts, skipping ahead, when a rule is enabled again); zero closes it as soon
   *     as no rule is enabled. The node's {@code rules.idleStopAfterSeconds}.
   */
  public record Options(String bootstrap, KafkaConfig kafka, String nodeId, Path stateDir, MatchMode matchMode,
                        Clock clock, Lookups lookups, Duration idleStopAfter) {
    public Options {
      if (idleStopAfter == null || idleStopAfter.isNegative()) {
        throw new IllegalArgumentException("idleStopAfter must be zero or positive");
      }
    }

    /** Options stopping the job after {@link #DEFAULT_IDLE_STOP_AFTER} without enabled rules. */
    public Options(String bootstrap, KafkaConfig kafka, String nodeId, Path stateDir, MatchMode matchMode,
                   Clock clock, Lookups lookups) {
      this(bootstrap, kafka, nodeId, stateDir, matchMode, clock, lookups, DEFAULT_IDLE_STOP_AFTER);
    }

    /** Options without lookups: rules calling the lookup functions do not run. */
    public Options(String bootstrap, KafkaConfig kafka, String nodeId, Path stateDir, MatchMode matchMode, Clock clock) {
      this(bootstrap, kafka, nodeId, stateDir, matchMode, clock, Lookups.none());
    }

    public Options withIdleStopAfter(Duration after) {
      return new Options(bootstrap, kafka, nodeId, stateDir, matchMode, clock, lookups, after);
    }
  }

  private final Options options;
  private final Properties adminProperties;
  private final RulesTopology.Settings settings;
  private final AdminTopicCatalog topics;
  private final RulesMetrics metrics = new RulesMetrics();
  private final RuleCatalog catalog = new RuleCatalog();
  private final RuleCatalogReader reader;
  private final ScheduledExecutorService supervisor;
  /** The running instance, null while stopped; changed on the supervisor thread only. */
  private volatile KafkaStreams streams;
  /** Tells {@link #start} when the instance started last is running. */
  private volatile StartWatch startWatch;
  /** System.nanoTime() since when no rule is enabled while an instance runs; -1 otherwise. */
  private long idleSince = -1;
  /** The last start failed; retried on the next rule change or after a while. */
  private volatile boolean startFailed;
  private volatile boolean closed;
  private final AtomicLong starts = new AtomicLong();
  private final AtomicLong stops = new AtomicLong();

  private RulesJob(Options options) {
    this.options = options;
    TopicNames names = options.kafka().topics();
    adminProperties = clientSecurity(options);
    adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
    ensureTopics(adminProperties, options.kafka());
    topics = new AdminTopicCatalog(adminProperties);
    topics.active(false); // until the Streams instance starts
    settings = new RulesTopology.Settings(names, options.nodeId(), options.clock(),
        options.matchMode(), topics, options.lookups());
    reader = new RuleCatalogReader(adminProperties, names.rules(), new RuleFeed(catalog, options.lookups()),
        clientId(options) + "-catalog");
    supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, clientId(options) + "-supervisor");
      t.setDaemon(true);
      return t;
    });
  }

  /** What the job is doing, as {@link #state()} reports it. */
  public enum State {
    /** A rule is enabled and the Streams instance runs (or rebalances). */
    RUNNING,
    /** No rule is enabled; the instance still runs until that has lasted {@link Options#idleStopAfter}. */
    IDLE,
    /** No rule is enabled and the instance is closed: nothing is read until a rule is enabled. */
    STOPPED,
    /** A rule is enabled and the instance is being started (or its start failed and is retried). */
    STARTING,
    /** {@link #close()} was called. */
    CLOSED
  }

  /** What the job is doing now; {@link State#STOPPED} while idle is healthy (see {@link #isHealthy()}). */
  public State state() {
    if (closed) {
      return State.CLOSED;
    }
    boolean idle = isIdle();
    if (streams != null) {
      return idle ? State.IDLE : State.RUNNING;
    }
    return idle ? State.STOPPED : State.STARTING;
  }

  /** How long no rule must be enabled before the Streams instance is closed. */
  public Duration idleStopAfter() {
    return options.idleStopAfter();
  }

  /**
   * True while no rule is enabled. The job's Streams instance is closed once that lasted
   * {@link Options#idleStopAfter}; see {@link #isConsuming()}.
   */
  public boolean isIdle() {
    return !catalog.snapshot().anyEnabled();
  }

  /** True while the job's Streams instance exists (reading the message topic or about to). */
  public boolean isConsuming() {
    return streams != null;
  }

  /**
   * Creates the rules topics when missing, reads the rules, and when one is enabled starts the
   * Streams instance and waits until it runs.
   */
  public static RulesJob start(Options options) {
    RulesJob job = new RulesJob(options);
    try {
      job.reader.start(START_TIMEOUT);
      job.catalog.onChange(s -> job.supervise());
      KafkaStreams started = job.supervisor.submit(() -> {
        job.evaluate();
        return job.streams;
      }).get();
      if (started != null) {
        job.awaitRunning();
      }
      return job;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      job.close();
      throw new IllegalStateException("interrupted while starting the rules job", e);
    } catch (ExecutionException e) {
      job.close();
      throw new IllegalStateException("the rules job did not start: " + e.getCause().getMessage(), e.getCause());
    } catch (RuntimeException e) {
      job.close();
      throw e;
    }
  }

  /** Waits until the instance started last reaches RUNNING, or fails when it ends in ERROR or NOT_RUNNING. */
  private void awaitRunning() throws InterruptedException {
    StartWatch watch = startWatch;
    if (!watch.settled.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the rules job did not reach RUNNING within " + START_TIMEOUT);
    }
    if (watch.state != KafkaStreams.State.RUNNING) {
      throw new IllegalStateException("the rules job did not reach RUNNING (state " + watch.state + ")");
    }
  }

  /** The first state an instance settles in after start: RUNNING, or ERROR / NOT_RUNNING. */
  private static final class StartWatch implements KafkaStreams.StateListener {
    final CountDownLatch settled = new CountDownLatch(1);
    volatile KafkaStreams.State state;

    @Override
    public void onChange(KafkaStreams.State now, KafkaStreams.State before) {
      if (settled.getCount() > 0 && (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR
          || now == KafkaStreams.State.NOT_RUNNING)) {
        state = now;
        settled.countDown();
      }
    }
  }


  /** Asks the supervisor to look at the catalog again (called on every rule change). */
  private void supervise() {
    if (!closed) {
      try {
        supervisor.execute(this::evaluate);
      } catch (RejectedExecutionException e) {
        // closing
      }
    }
  }

  /** Starts or stops the Streams instance as the catalog asks; supervisor thread only. */
  private void evaluate() {
    if (closed) {
      return;
    }
    RuleCatalog.Snapshot rules = catalog.snapshot();
    if (rules.anyEnabled()) {
      idleSince = -1;
      if (streams == null) {
        startStreams(rules);
      }
      return;
    }
    if (streams == null) {
      startFailed = false; // nothing to run, nothing failed
      return;
    }
    long now = System.nanoTime();
    if (idleSince < 0) {
      idleSince = now;
    }
    long left = idleStopAfterNanos() - (now - idleSince);
    if (left > 0) {
      supervisor.schedule(this::evaluate, left, TimeUnit.NANOSECONDS);
      return;
    }
    stopStreams("no rule enabled for " + options.idleStopAfter());
  }

  /** {@link Options#idleStopAfter} in nanoseconds, at most Long.MAX_VALUE (about 292 years). */
  private long idleStopAfterNanos() {
    try {
      return options.idleStopAfter().toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private void startStreams(RuleCatalog.Snapshot rules) {
    long from = Long.MAX_VALUE;
    for (CompiledTopicRule rule : rules.rules().values()) {
      if (!rule.rule().disabled()) {
        from = Math.min(from, rule.effectiveFrom());
      }
    }
    skipAhead(from - SKIP_MARGIN.toMillis());
    topics.refreshNow();
    topics.active(true);
    KafkaStreams next = null;
    try {
      next = new KafkaStreams(RulesTopology.build(settings, metrics, catalog), properties(options));
      next.setUncaughtExceptionHandler(e -> {
        LOG.error("Rules job stream thread failed; replacing it", e);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
      });
      StartWatch watch = new StartWatch();
      next.setStateListener(watch);
      startWatch = watch;
      next.start();
      streams = next;
      startFailed = false;
      starts.incrementAndGet();
      LOG.info("Rules job started: {} rule(s) enabled", rules.rules().values().stream()
          .filter(r -> !r.rule().disabled()).count());
    } catch (RuntimeException e) {
      startFailed = true;
      LOG.error("The rules job could not start; retrying in 5 s", e);
      if (next != null) {
        next.close(Duration.ZERO);
      }
      supervisor.schedule(this::evaluate, 5, TimeUnit.SECONDS);
    }
  }

  /**
   * Moves the group's offsets forward to the messages written since {@code from}, when no other
   * instance is in the group. A failure only costs reading more: it is logged, the job starts.
   */
  private void skipAhead(long from) {
    String group = options.kafka().topics().rules();
    try (Admin admin = Admin.create(adminProperties)) {
      SkipAhead.Result result = SkipAhead.run(admin, group, options.kafka().topics().messages(), from, ADMIN_TIMEOUT);
      switch (result.outcome()) {
        case MOVED -> LOG.info("Rules job skipped ahead to messages written since {} ({} messages no rule sees)",
            Instant.ofEpochMilli(from), result.skipped());
        case NOTHING_TO_MOVE -> LOG.debug("Rules job: committed offsets already past {}", Instant.ofEpochMilli(from));
        case GROUP_ACTIVE -> LOG.info("Rules job: another instance runs already; joining it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      LOG.warn("Rules job could not skip ahead, it reads on from its committed offsets: {}", cause.toString());
    }
  }

  /** Closes the instance, committing its last transaction and leaving the group; supervisor thread only. */
  private void stopStreams(String why) {
    KafkaStreams current = streams;
    if (current == null) {
      return;
    }
    idleSince = -1;
    boolean done = current.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(CLOSE_TIMEOUT));
    streams = null;
    topics.active(false);
    stops.incrementAndGet();
    if (done) {
      LOG.info("Rules job stopped: {}", why);
    } else {
      LOG.warn("Rules job did not stop within {} ({})", CLOSE_TIMEOUT, why);
    }
  }

  public RulesMetrics metrics() {
    return metrics;
  }

  /** How many times this job started and stopped its Streams instance. */
  long starts() {
    return starts.get();
  }

  long stops() {
    return stops.get();
  }

  /**
   * Names of the enabled rules this node's job has compiled. A message published after a rule
   * shows up here is evaluated with it (once the Streams instance, started for it if it was
   * stopped, reaches the message).
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

  /**
   * True while the job does what it should: the rules topic is read and either the Streams
   * application runs or rebalances, or it is stopped because no rule is enabled.
   */
  public boolean isHealthy() {
    if (closed || !reader.isHealthy()) {
      return false;
    }
    KafkaStreams s = streams;
    if (s == null) {
      return !startFailed;
    }
    KafkaStreams.State state = s.state();
    return state == KafkaStreams.State.CREATED || state == KafkaStreams.State.RUNNING
        || state == KafkaStreams.State.REBALANCING;
  }

  private static String clientId(Options options) {
    return options.kafka().topics().rules() + "-" + options.nodeId();
  }

  static Properties properties(Options options) {
    Properties p = clientSecurity(options);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, options.kafka().topics().rules());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, options.stateDir().toString());
    p.put(StreamsConfig.CLIENT_ID_CONFIG, clientId(options));
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) options.kafka().replicationFactor);
    p.put(StreamsConfig.producerPrefix("linger.ms"), "5");
    p.put(StreamsConfig.consumerPrefix("fetch.max.wait.ms"), "50");
    // Fewer, larger fetches of the message topic (the job reads all of it): at most 50 ms later.
    p.put(StreamsConfig.consumerPrefix("fetch.min.bytes"), String.valueOf(32 * 1024));
    // Each task reads one partition of one topic (the rules come through RuleCatalogReader), so there
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

  /** Stops the Streams application (committing its last transaction), the rules reader and the topic catalog. */
  @Override
  public void close() {
    try {
      supervisor.submit(() -> {
        closed = true;
        stopStreams("closing");
      }).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | RejectedExecutionException e) {
      LOG.warn("Closing the rules job failed", e);
    }
    closed = true;
    supervisor.shutdownNow();
    reader.close();
    topics.close();
  }
}
