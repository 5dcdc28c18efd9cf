package io.tributary.kafka.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker properties of a single-node, combined broker/controller KRaft server bound to
 * loopback. Everything a one-node cluster needs to work at all (replication factors of the
 * internal topics at 1) plus defaults that keep start-up and group joins fast.
 */
final class BrokerSettings {
  static final int NODE_ID = 1;
  static final String HOST = "127.0.0.1";
  static final String CLIENT_LISTENER = "PLAINTEXT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";
  /** How long the broker waits to add a partition to a transaction whose predecessor is completing. */
  static final int ADD_PARTITIONS_TO_TXN_WAIT_MS = 10_000;

  private BrokerSettings() {}

  /**
   * Properties for a broker serving clients on {@code clientPort} and the KRaft quorum on
   * {@code controllerPort}, storing data and metadata in {@code logDir}; {@code overrides} win.
   */
  static Map<String, String> of(Path logDir, int clientPort, int controllerPort, Map<String, String> overrides) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort + ","
        + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", CLIENT_LISTENER);
    p.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("metadata.log.dir", logDir.toString());

    // One node: every internal topic must have replication factor 1, or groups and transactions hang.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "10");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "10");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");

    // Transactions version 2 (Kafka 4's default) adds a partition to a transaction when its first
    // batch arrives. Until the previous transaction's markers are written the coordinator answers
    // CONCURRENT_TRANSACTIONS; by default the broker retries that for only 100 ms and then fails the
    // batch, and the producer's pipelined batches behind it fail with OUT_OF_ORDER_SEQUENCE_NUMBER.
    // Exactly-once Streams jobs commit back to back, so on a loaded machine nearly every
    // transaction began with that retry storm. Wait for the markers on the broker instead (capped
    // by request.timeout.ms, 30 s); see BackToBackTransactionsTest.
    p.put("add.partitions.to.txn.retry.backoff.max.ms", Integer.toString(ADD_PARTITIONS_TO_TXN_WAIT_MS));

    // Groups and Streams applications join at once instead of waiting 3 s for more members.
    p.put("group.initial.rebalance.delay.ms", "0");
    // Tributary creates its topics explicitly, with the partitions and configs it needs.
    p.put("auto.create.topics.enable", "false");
    // A single process: no point in waiting long for a controlled shutdown.
    p.put("controlled.shutdown.max.retries", "1");
    p.putAll(overrides);
    return p;
  }
}
