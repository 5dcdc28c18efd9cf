/**
 * The HTTP data plane of AWS IoT: {@code POST /topics/{topic}}, the retained-message API, and the
 * MQTT-over-WebSocket upgrade at {@code /mqtt}. Errors carry {@code x-amzn-ErrorType} and a JSON
 * {@code message}, as AWS SDKs expect.
 */
package io.tributary.ingest.http;
