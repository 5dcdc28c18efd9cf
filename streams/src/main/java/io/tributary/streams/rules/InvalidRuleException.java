package io.tributary.streams.rules;

import io.tributary.rules.SqlParseException;

/**
 * A topic rule that cannot be created or replaced, with the AWS error code the control plane
 * answers with ({@code SqlParseException} or {@code InvalidRequestException}, both HTTP 400).
 */
public final class InvalidRuleException extends RuntimeException {
  public static final String INVALID_REQUEST = "InvalidRequestException";

  private final String errorType;

  public InvalidRuleException(String errorType, String message) {
    super(message);
    this.errorType = errorType;
  }

  static InvalidRuleException invalid(String message) {
    return new InvalidRuleException(INVALID_REQUEST, message);
  }

  static InvalidRuleException sql(SqlParseException e) {
    return new InvalidRuleException(SqlParseException.ERROR_CODE, e.getMessage());
  }

  /** The {@code x-amzn-ErrorType} of the answer. */
  public String errorType() {
    return errorType;
  }
}
