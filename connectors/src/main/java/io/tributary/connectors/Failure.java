package io.tributary.connectors;

/** One failed action in an AWS error document: {@code {failedAction, failedResource, errorMessage}}. */
public record Failure(String failedAction, String failedResource, String errorMessage) {

  /** The failure of {@code target} with {@code message}. */
  public static Failure of(Target target, String message) {
    return new Failure(target.actionName(), target.resource(), message);
  }
}
