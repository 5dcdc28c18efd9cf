/**
 * The message envelope: what every accepted publish becomes on the message topic.
 * {@link io.tributary.core.envelope.Envelope} is the immutable value, {@link
 * io.tributary.core.envelope.EnvelopeCodec} turns it into Avro bytes described by {@code
 * envelope-v1.avsc} (on the classpath under {@code /avro/}), readable by any Avro consumer.
 */
package io.tributary.core.envelope;
