/**
 * The MQTT 3.1.1 / 5 protocol: one {@link io.tributary.ingest.mqtt.MqttConnection} per client,
 * owned by one event loop, over a {@link io.tributary.ingest.mqtt.Transport} (TCP, TLS or
 * WebSocket). Netty's MQTT codec does the bytes; this package does the protocol.
 * Start at {@link io.tributary.ingest.mqtt.MqttConnection#handle}.
 */
package io.tributary.ingest.mqtt;
