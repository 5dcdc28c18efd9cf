/**
 * MQTT topic names and filters: validation, wildcard matching and the subscription index.
 *
 * <p>Start with {@link io.tributary.core.topic.Topics}: {@code validateName} for PUBLISH and will
 * topics, {@code validateFilter} for SUBSCRIBE (including {@code $share/{group}/{filter}}, split by
 * {@link io.tributary.core.topic.SharedFilter}), and {@code matches} for one filter against one
 * topic. {@link io.tributary.core.topic.SubscriptionTrie} indexes many filters and finds every
 * subscription matching a published topic without allocating.
 *
 * <p>Where AWS IoT Core deviates from MQTT 5 ({@code "a/#"} not matching {@code "a"}; 256-byte,
 * 8-level and 128-character share-name limits) the caller chooses: {@link
 * io.tributary.core.topic.MatchMode} and {@link io.tributary.core.topic.TopicLimits}. Refusals are
 * {@link io.tributary.core.topic.TopicError}s that map to MQTT 5 reason codes 0x90 and 0x8F.
 *
 * <p>Pure logic: no I/O, no logging, no locks. The conformance cases live as JSON under {@code
 * src/test/resources/topic-cases/}, named after the specification section they prove.
 */
package io.tributary.core.topic;
