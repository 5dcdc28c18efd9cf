package io.tributary.rules.internal.lexer;

/** A lexical error with its position; the parser turns it into the public parse exception. */
public final class LexerException extends RuntimeException {

  private final int line;
  private final int column;
  private final String token;

  public LexerException(int line, int column, String token, String message) {
    super(message, null, false, false);
    this.line = line;
    this.column = column;
    this.token = token;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String token() {
    return token;
  }
}
