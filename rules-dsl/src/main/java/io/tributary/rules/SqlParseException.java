package io.tributary.rules;

/**
 * A rule statement or substitution template that cannot be compiled: a syntax error, a feature
 * the SQL version lacks, an unknown function or one that needs an AWS service. The message names
 * the line, column and token, e.g. {@code Line 1:8: Expected an expression but found 'FROM'};
 * it is what CreateTopicRule returns as a {@code SqlParseException} (HTTP 400).
 */
public final class SqlParseException extends RuntimeException {

  /** The AWS error code a control plane answers with. */
  public static final String ERROR_CODE = "SqlParseException";

  private final int line;
  private final int column;
  private final String token;
  private final String detail;

  public SqlParseException(int line, int column, String token, String detail) {
    super("Line " + line + ":" + column + ": " + detail);
    this.line = line;
    this.column = column;
    this.token = token;
    this.detail = detail;
  }

  /** 1-based line of the offending token. */
  public int line() {
    return line;
  }

  /** 1-based column of the offending token. */
  public int column() {
    return column;
  }

  /** The offending token as written, or {@code <EOF>}. */
  public String token() {
    return token;
  }

  /** The message without the position prefix. */
  public String detail() {
    return detail;
  }
}
