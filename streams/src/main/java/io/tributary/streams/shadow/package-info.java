/**
 * The Device Shadow job: a Kafka Streams application that answers the shadow requests the gateway
 * copies to {@code <prefix>shadow.requests} (keyed by thing name) with
 * {@link io.tributary.shadow.ShadowService}, keeps every shadow in a
 * changelogged RocksDB store, and publishes the responses back on the message topic.
 *
 * <p>Start with {@link io.tributary.streams.shadow.ShadowJob} (start, interactive queries, close)
 * and {@link io.tributary.streams.shadow.ShadowJobConfig}; {@link io.tributary.streams.shadow.ShadowTopology}
 * is the topology itself; {@link io.tributary.streams.shadow.RestEnvelopes} is the contract between
 * the REST data plane and the job.
 */
package io.tributary.streams.shadow;
