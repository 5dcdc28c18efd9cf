/**
 * What every protocol front end of the gateway shares: {@link io.tributary.ingest.broker.BrokerContext}
 * (configuration and services), {@link io.tributary.ingest.broker.Publisher} (the one path from an
 * accepted publish to Kafka), the node's connection registry, lifecycle events and delayed wills.
 */
package io.tributary.ingest.broker;
