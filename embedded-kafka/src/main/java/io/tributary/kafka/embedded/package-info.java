/**
 * An in-process, single-node Apache Kafka broker in KRaft mode (combined broker and controller),
 * for the default one-JVM deployment and for integration tests.
 *
 * <p>Start with {@link io.tributary.kafka.embedded.EmbeddedKafka#start(java.nio.file.Path, int)}:
 * the log directory is formatted on first use and reused afterwards, so a restart on the same
 * directory keeps every topic and record. {@link io.tributary.kafka.embedded.BrokerSettings} holds
 * the single-node settings; {@link io.tributary.kafka.embedded.LogDirFormatter} the one-time format.
 */
package io.tributary.kafka.embedded;
