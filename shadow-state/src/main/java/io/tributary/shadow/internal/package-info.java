/**
 * Internals of the shadow service: one class per operation ({@code UpdateOperation},
 * {@code GetOperation}, {@code DeleteOperation}), the merge, metadata, delta and response-document
 * builders they share, and the AWS error catalogue. Not for use outside this module.
 */
package io.tributary.shadow.internal;
