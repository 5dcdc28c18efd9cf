package io.tributary.streams.rules;

/**
 * A record the rules job writes: to the message topic (republish), a platform Kafka topic (kafka
 * action) or the actions topic (invocations for the connectors). Key and headers travel on the
 * Streams record; the sink reads the topic and partition from here.
 *
 * @param partition explicit partition, or null for the default partitioner
 */
record Output(String topic, Integer partition, byte[] value) {}
