package io.tributary.rules.internal.lexer;

import java.util.Locale;

/**
 * A token with its 1-based line and column.
 *
 * @param text the source text of the token (for strings: with quotes)
 * @param value the decoded content of a string literal or variable name; else the text
 */
public record Token(TokenType type, String text, String value, int line, int column) {

  /** True for an identifier spelled {@code keyword} in any case. */
  public boolean isKeyword(String keyword) {
    return type == TokenType.IDENT && text.equalsIgnoreCase(keyword);
  }

  /** The text as shown in error messages. */
  public String display() {
    return type == TokenType.EOF ? "<EOF>" : text;
  }

  public String upper() {
    return text.toUpperCase(Locale.ROOT);
  }
}
