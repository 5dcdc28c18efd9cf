/**
 * AWS IoT Device Shadow semantics as pure functions: no I/O, no clock of their own.
 *
 * <p>Start with {@link io.tributary.shadow.ShadowService}: give it a
 * {@link io.tributary.shadow.ShadowRequest} (from {@link io.tributary.shadow.ShadowRequest#fromTopic}
 * for MQTT, or the {@code rest*} methods for the data-plane REST API), the
 * {@link io.tributary.shadow.StoredShadow} held for that shadow, and the time; it returns a
 * {@link io.tributary.shadow.ShadowResult}: the store change and the
 * {@link io.tributary.shadow.ShadowMessage}s to publish, byte-for-byte in AWS's format.
 * {@link io.tributary.shadow.ShadowTopics} parses and builds the reserved shadow topics,
 * {@link io.tributary.shadow.ShadowLimits} holds the configurable limits with AWS's defaults, and
 * {@link io.tributary.shadow.ShadowRateLimiter} enforces the per-thing request rate.
 *
 * <p>The specification is {@code reference/aws-iot-dataplane.md} §5; the conformance cases under
 * {@code src/test/resources/shadow-cases} prove it.
 */
package io.tributary.shadow;
