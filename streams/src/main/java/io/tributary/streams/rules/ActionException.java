package io.tributary.streams.rules;

import io.tributary.connectors.Failure;

/** An action that cannot be performed for one message: a template rendered to an unusable value. */
final class ActionException extends RuntimeException {
  private final transient Failure failure;

  ActionException(String actionName, String resource, String message) {
    super(message, null, false, false);
    this.failure = new Failure(actionName, resource, message);
  }

  Failure failure() {
    return failure;
  }
}
