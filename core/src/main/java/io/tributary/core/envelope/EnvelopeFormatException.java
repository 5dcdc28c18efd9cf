package io.tributary.core.envelope;

/** Bytes on the message topic that are not a readable envelope. */
public final class EnvelopeFormatException extends RuntimeException {
  public EnvelopeFormatException(String message) {
    super(message);
  }
}
