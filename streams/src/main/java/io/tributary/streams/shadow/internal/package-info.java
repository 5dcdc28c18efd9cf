/**
 * Internals of the shadow job: store keys and partitioning by thing, the store, the processor that
 * applies requests, and the envelopes it publishes. Not for use outside {@code io.tributary.streams.shadow}.
 */
package io.tributary.streams.shadow.internal;
