package io.tributary.streams.shadow;

/** The shadow store cannot answer on this instance: another instance owns the thing, or the job is (re)starting. */
public final class ShadowUnavailableException extends RuntimeException {
  public ShadowUnavailableException(String message) {
    super(message);
  }

  public ShadowUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
