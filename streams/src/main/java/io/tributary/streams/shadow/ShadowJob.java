package io.tributary.streams.shadow;

import io.tributary.shadow.ShadowId;
import io.tributary.shadow.StoredShadow;
import io.tributary.streams.shadow.internal.NamedShadowScan;
import io.tributary.streams.shadow.internal.ShadowKeys;
import io.tributary.streams.shadow.internal.ShadowStore;
import io.tributary.streams.shadow.internal.ThingPartitioner;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Device Shadow job of one node: a Kafka Streams application ({@link ShadowTopology}) that
 * answers every shadow request on the shadow-requests topic, plus the interactive queries the REST data
 * plane reads from. Every node runs one with the same application id; the things are spread over
 * them by partition, and {@link #locate} tells which instance serves a thing.
 *
 * <pre>{@code
 * ShadowJob job = ShadowJob.start(ShadowJobConfig.of(config, bootstrap, nodeId, dataDir, "127.0.0.1:8080"));
 * job.awaitRunning(Duration.ofSeconds(30));
 * if (job.locate("lamp").isLocal()) {
 *   Optional<StoredShadow> lamp = job.read("lamp", null);
 * }
 * job.close();
 * }</pre>
 */
public final class ShadowJob implements AutoCloseable {
  /** The client id of every message the job publishes. */
  public static final String CLIENT_ID = "$shadow";

  private static final Logger LOG = LoggerFactory.getLogger(ShadowJob.class);
  private static final ThingPartitioner<Object> PARTITIONER = new ThingPartitioner<>();

  private final KafkaStreams streams;
  private final HostInfo self;
  private final CountDownLatch running = new CountDownLatch(1);

  private ShadowJob(ShadowJobConfig config) {
    this.self = HostInfo.buildFromEndpoint(config.applicationServer());
    this.streams = new KafkaStreams(ShadowTopology.build(config), StreamsSettings.of(config));
    streams.setStateListener((now, before) -> {
      LOG.info("shadow job {} -> {}", before, now);
      if (now == KafkaStreams.State.RUNNING) {
        running.countDown();
      }
    });
    streams.setUncaughtExceptionHandler(error -> {
      LOG.error("shadow job thread failed; replacing it", error);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
  }

  /** Starts the job; it serves once it reaches RUNNING (see {@link #awaitRunning}). */
  public static ShadowJob start(ShadowJobConfig config) {
    ShadowJob job = new ShadowJob(config);
    job.streams.start();
    return job;
  }

  /** Waits until the job first reaches RUNNING; false on timeout. */
  public boolean awaitRunning(Duration timeout) {
    try {
      return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The Kafka Streams state. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /** True unless the job failed or was closed (starting and rebalancing count as healthy). */
  public boolean isHealthy() {
    return streams.state().isRunningOrRebalancing() || streams.state() == KafkaStreams.State.CREATED;
  }

  /** Which instance serves the shadows of {@code thingName}, from the job's interactive-query metadata. */
  public ShadowLocation locate(String thingName) {
    KeyQueryMetadata metadata;
    try {
      metadata = streams.queryMetadataForKey(ShadowStore.NAME, ShadowKeys.prefix(thingName), PARTITIONER);
    } catch (RuntimeException e) {
      return ShadowLocation.UNAVAILABLE;
    }
    if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) || metadata.activeHost() == null) {
      return ShadowLocation.UNAVAILABLE;
    }
    HostInfo owner = metadata.activeHost();
    return owner.equals(self)
        ? new ShadowLocation(ShadowLocation.Kind.LOCAL, Optional.empty(), metadata.partition())
        : new ShadowLocation(ShadowLocation.Kind.REMOTE, Optional.of(owner.host() + ":" + owner.port()),
            metadata.partition());
  }

  /**
   * What the store holds for a shadow (a live shadow or a deleted marker).
   *
   * @param shadowName the named shadow, or null for the classic shadow
   * @throws ShadowUnavailableException when this instance does not serve the thing right now
   */
  public Optional<StoredShadow> read(String thingName, String shadowName) {
    ShadowId shadow = shadowName == null ? ShadowId.classic(thingName) : ShadowId.named(thingName, shadowName);
    return query(thingName, store -> ShadowStore.read(store, shadow));
  }

  /**
   * One page of the thing's live named shadows, in name order.
   *
   * @param pageSize  1 to 100
   * @param nextToken from the previous page, or null for the first
   * @throws IllegalArgumentException   for a page size out of range or a token this job did not issue
   * @throws ShadowUnavailableException when this instance does not serve the thing right now
   */
  public NamedShadowPage listNamedShadows(String thingName, int pageSize, String nextToken) {
    NamedShadowScan scan = NamedShadowScan.of(thingName, pageSize, nextToken);
    return query(thingName, scan::page);
  }

  private <T> T query(String thingName, java.util.function.Function<ReadOnlyKeyValueStore<String, byte[]>, T> read) {
    ShadowLocation location = locate(thingName);
    if (!location.isLocal()) {
      throw new ShadowUnavailableException("shadows of " + thingName + " are not served here: " + location);
    }
    try {
      ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters
          .fromNameAndType(ShadowStore.NAME, QueryableStoreTypes.<String, byte[]>keyValueStore())
          .withPartition(location.partition()));
      return read.apply(store);
    } catch (InvalidStateStoreException e) {
      throw new ShadowUnavailableException("the shadow store is not queryable now: " + e.getMessage(), e);
    }
  }

  /** Stops the job and leaves the group at once, so the other instances take over its things. */
  @Override
  public void close() {
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
  }
}
