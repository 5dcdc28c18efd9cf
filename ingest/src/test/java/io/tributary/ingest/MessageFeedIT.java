package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.core.config.KafkaConfig;
import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.topic.MatchMode;
import io.tributary.ingest.kafka.KafkaSettings;
import io.tributary.ingest.route.Delivery;
import io.tributary.ingest.route.MessageFeed;
import io.tributary.ingest.route.Subscriber;
import io.tributary.ingest.route.SubscriptionOptions;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The message feed against a real broker: its lag ({@code /health}'s {@code
 * details.gateway.feedLagRecords}), that it reads nothing while nothing subscribes
 * ({@code feedReading}), and that it takes its time reading back what its fast path routed.
 */
class MessageFeedIT {
  static GatewayHarness harness;

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  /**
   * Held back deterministically: the one subscriber blocks its first delivery, so the feed thread
   * stops right after its first poll of a backlog written as one batch.
   */
  @Test
  void theLagCountsTheRecordsNotReadYet_andReturnsToZeroOnceTheFeedCatchesUp() throws Exception {
    String topic = createTopic("feed-lag-", 1);
    Properties props = KafkaSettings.consumer(harness.kafka().bootstrapServers(), new KafkaConfig(), "lag-test");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10");
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger delivered = new AtomicInteger();
    Subscriber blocking = subscriber("lag-test-subscriber", delivery -> {
      try {
        release.await(60, TimeUnit.SECONDS); // holds the feed thread: it reads nothing more meanwhile
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      delivered.incrementAndGet();
    });
    try (MessageFeed feed = new MessageFeed(props, topic, MatchMode.MQTT)) {
      feed.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> feed.lagRecords() == 0); // nothing subscribes yet: the feed is paused, nothing waits
      CountDownLatch subscribed = new CountDownLatch(1);
      feed.register(blocking, Map.of("lag/#", SubscriptionOptions.ofQos(1)), positions -> subscribed.countDown());
      assertThat(subscribed.await(30, TimeUnit.SECONDS)).isTrue();

      write(topic, "lag", 1_000);
      // First poll: 10 of the 1,000 records returned (max.poll.records), the rest not read; the
      // feed then blocks in the first delivery.
      await().atMost(Duration.ofSeconds(30)).until(() -> feed.lagRecords() == 990);
      assertThat(delivered).hasValue(0);

      release.countDown();
      await().atMost(Duration.ofSeconds(30)).until(() -> delivered.get() == 1_000 && feed.lagRecords() == 0);
      assertThat(feed.routedCount()).isEqualTo(1_000);
    }
  }

  /**
   * While nothing subscribes the feed does not read; the first subscription after that takes
   * effect from the end of the topic, exactly where a feed that had read and dropped every record
   * would have stood.
   */
  @Test
  void withoutSubscriptionsTheFeedReadsNothing_andASubscriptionStartsAtTheEndOfTheTopic() throws Exception {
    String topic = createTopic("feed-pause-", 2);
    List<String> received = new CopyOnWriteArrayList<>();
    Subscriber subscriber = collecting("pause-test-subscriber", received);
    try (MessageFeed feed = feed(topic, "pause-test")) {
      feed.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> !feed.reading());
      assertThat(feed.lagRecords()).isZero();

      write(topic, "before", 100);
      Map<Integer, Long> start = register(feed, subscriber);
      assertThat(feed.reading()).isTrue();
      // The 100 records written while nothing subscribed are behind the subscription's start.
      assertThat(start.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100);

      write(topic, "after", 10);
      await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 10);
      assertThat(received).allMatch(m -> m.startsWith("after-"));

      CompletableFuture<Map<Integer, Long>> end = new CompletableFuture<>();
      feed.unregister(subscriber, end::complete);
      assertThat(end.get(30, TimeUnit.SECONDS).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(110);
      await().atMost(Duration.ofSeconds(30)).until(() -> !feed.reading());

      write(topic, "unread", 5);
      assertThat(register(feed, subscriber).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(115);
      write(topic, "again", 3);
      await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 13);
      assertThat(received.subList(10, 13)).allMatch(m -> m.startsWith("again-"));
      assertThat(feed.routedCount()).isEqualTo(13);
    }
  }

  /**
   * What a SUBACK promises: a record Kafka acknowledges once {@code register}'s callback has run
   * is routed, even when that subscription woke a paused feed. The callback writes the record and
   * waits for Kafka's acknowledgement while holding the feed thread, so a feed that started
   * reading from an end offset looked up after the callback would skip it every time.
   */
  @Test
  void aRecordWrittenOnceTheSubscriptionHasTakenEffectIsRouted_alsoWhenItEndsAPause() throws Exception {
    String topic = createTopic("feed-suback-", 2);
    List<String> received = new CopyOnWriteArrayList<>();
    Subscriber subscriber = collecting("suback-test-subscriber", received);
    try (MessageFeed feed = feed(topic, "suback-test")) {
      feed.start();
      for (int round = 0; round < 3; round++) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !feed.reading());
        write(topic, "unsubscribed" + round, 20);
        String prefix = "round" + round;
        CompletableFuture<Void> written = new CompletableFuture<>();
        feed.register(subscriber, Map.of(prefix + "/#", SubscriptionOptions.ofQos(1)), positions -> {
          try {
            write(topic, prefix, 4); // "published right after the SUBACK", acknowledged before the feed goes on
            written.complete(null);
          } catch (Exception e) {
            written.completeExceptionally(e);
          }
        });
        written.get(30, TimeUnit.SECONDS);
        int expected = 4 * (round + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == expected);
        assertThat(received.subList(expected - 4, expected)).allMatch(m -> m.startsWith(prefix + "-"));

        CountDownLatch unsubscribed = new CountDownLatch(1);
        feed.unsubscribe(subscriber, List.of(prefix + "/#"), unsubscribed::countDown);
        assertThat(unsubscribed.await(30, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  /**
   * A feed that only reads back what its own fast path routed fetches at most once per interval;
   * records published elsewhere, which only the consumer routes, make it read eagerly again. One
   * record every 20 ms: an eager feed fetches about once per record, a paced one (200 ms) at most
   * five times a second. Fetches are counted by the consumer's own metric.
   */
  @Test
  void aFeedConfirmingItsFastPathFetchesOncePerInterval_andRecordsFromElsewhereMakeItEager() throws Exception {
    String topic = createTopic("feed-paced-", 1);
    List<String> received = new CopyOnWriteArrayList<>();
    Subscriber subscriber = collecting("paced-test-subscriber", received);
    String clientId = "paced-test-" + UUID.randomUUID();
    try (MessageFeed feed = new MessageFeed(
            KafkaSettings.consumer(harness.kafka().bootstrapServers(), new KafkaConfig(), clientId), topic,
            MatchMode.MQTT, "node-a", Duration.ofMillis(200));
        KafkaProducer<String, byte[]> producer = producer()) {
      feed.start();
      register(feed, subscriber);

      // Published on this node: Kafka acknowledges, then the fast path routes (as the gateway does).
      everyTwentyMs(50, i -> publishHere(producer, feed, topic, "warm", i)); // the subscription's eager second ends
      double before = fetches(clientId);
      long start = System.nanoTime();
      everyTwentyMs(100, i -> publishHere(producer, feed, topic, "here", i));
      double pacedFetches = fetches(clientId) - before;
      double seconds = (System.nanoTime() - start) / 1e9;
      await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 150);
      // At most one poll, so one fetch, per 200 ms (plus the one in flight when counting began).
      assertThat(pacedFetches).isLessThanOrEqualTo(seconds * 5 + 2);

      before = fetches(clientId);
      // Published elsewhere: nothing comes through the fast path.
      everyTwentyMs(50, i -> producer.send(new ProducerRecord<>(topic, 0, "writer", envelope("there", i, "node-b")))
          .get(30, TimeUnit.SECONDS));
      await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 200);
      double eagerFetches = fetches(clientId) - before;
      assertThat(eagerFetches).isGreaterThanOrEqualTo(25); // one per record or so, far above 5 a second
      assertThat(received.subList(150, 200)).allMatch(m -> m.startsWith("there-"));
      assertThat(received.stream().distinct().count()).isEqualTo(200); // each routed once, by one path or the other
    }
  }

  /** One step of a schedule: the {@code i}th record. */
  @FunctionalInterface
  private interface Step {
    void run(int i) throws Exception;
  }

  /** Runs {@code count} steps on a fixed 20 ms schedule, one at a time, and returns after the last. */
  private static void everyTwentyMs(int count, Step step) throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicInteger next = new AtomicInteger();
    try {
      timer.scheduleAtFixedRate(() -> {
        int i = next.getAndIncrement();
        if (i >= count) {
          return;
        }
        try {
          step.run(i);
          if (i == count - 1) {
            done.complete(null);
          }
        } catch (Exception e) {
          done.completeExceptionally(e);
        }
      }, 0, 20, TimeUnit.MILLISECONDS);
      done.get(60, TimeUnit.SECONDS);
    } finally {
      timer.shutdownNow();
    }
  }

  /** Writes one record as this node's gateway would and hands the acknowledged record to the fast path. */
  private static void publishHere(KafkaProducer<String, byte[]> producer, MessageFeed feed, String topic, String prefix,
                                  int i) throws Exception {
    byte[] value = envelope(prefix, i, "node-a");
    var meta = producer.send(new ProducerRecord<>(topic, 0, "writer", value)).get(30, TimeUnit.SECONDS);
    feed.appended(EnvelopeCodec.decode(value), meta.partition(), meta.offset());
  }

  /** An encoded MQTT publish on topic {@code prefix/i}, payload {@code prefix-i}, accepted by {@code sourceNode}. */
  private static byte[] envelope(String prefix, int i, String sourceNode) {
    return EnvelopeCodec.encode(new Envelope(prefix + "/" + i, (prefix + "-" + i).getBytes(StandardCharsets.UTF_8),
        1, false, "writer", null, null, System.currentTimeMillis(), Envelope.Origin.MQTT, null, sourceNode,
        UUID.randomUUID().toString()));
  }

  private static KafkaProducer<String, byte[]> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, harness.kafka().bootstrapServers());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /** The feed consumer's fetch requests so far, from the metric Kafka's client registers in JMX. */
  private static double fetches(String clientId) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,client-id=" + clientId);
    return ((Number) server.getAttribute(name, "fetch-total")).doubleValue();
  }

  /** Subscribes {@code s} to everything and returns the positions its subscription starts at. */
  private static Map<Integer, Long> register(MessageFeed feed, Subscriber s) throws Exception {
    CompletableFuture<Map<Integer, Long>> positions = new CompletableFuture<>();
    feed.register(s, Map.of("#", SubscriptionOptions.ofQos(1)), positions::complete);
    return positions.get(30, TimeUnit.SECONDS);
  }

  /** A feed of {@code topic} with its own consumer. */
  private static MessageFeed feed(String topic, String clientId) {
    return new MessageFeed(KafkaSettings.consumer(harness.kafka().bootstrapServers(), new KafkaConfig(), clientId),
        topic, MatchMode.MQTT);
  }

  /** A subscriber that adds each delivery's payload, as text, to {@code into}. */
  private static Subscriber collecting(String clientId, List<String> into) {
    return subscriber(clientId, delivery -> into.add(new String(delivery.envelope().payload(), StandardCharsets.UTF_8)));
  }

  private static Subscriber subscriber(String clientId, Consumer<Delivery> onDelivery) {
    return new Subscriber() {
      @Override
      public String clientId() {
        return clientId;
      }

      @Override
      public void deliver(Delivery delivery) {
        onDelivery.accept(delivery);
      }
    };
  }

  private static String createTopic(String prefix, int partitions) throws Exception {
    String topic = prefix + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", harness.kafka().bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    return topic;
  }

  /**
   * Writes {@code count} messages ({@code prefix/i}, payload {@code prefix-i}) round-robin over the
   * topic's partitions in one produce request, acknowledged before this returns: a fetch sees all
   * of a partition's records or none.
   */
  private static void write(String topic, String prefix, int count) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, harness.kafka().bootstrapServers());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "60000");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024));
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
        new ByteArraySerializer())) {
      int partitions = producer.partitionsFor(topic).size();
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, i % partitions, "writer", envelope(prefix, i, "elsewhere")));
      }
      producer.flush();
    }
  }
}
