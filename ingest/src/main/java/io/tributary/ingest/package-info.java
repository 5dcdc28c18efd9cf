/**
 * The device gateway: MQTT 3.1.1 and 5 over TCP, TLS and WebSocket, and HTTP publish, in front of
 * Kafka. {@link io.tributary.ingest.Gateway} starts it; every accepted message is on the message
 * topic before it is acknowledged or delivered.
 */
package io.tributary.ingest;
