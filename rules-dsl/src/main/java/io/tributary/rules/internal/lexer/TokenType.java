package io.tributary.rules.internal.lexer;

/** Kinds of tokens. Keywords are {@link #IDENT}s; the parser recognises them by text. */
public enum TokenType {
  IDENT, STRING, NUMBER, VARIABLE,
  COMMA, DOT, COLON, LPAREN, RPAREN, LBRACE, RBRACE, LBRACKET, RBRACKET,
  STAR, PLUS, MINUS, SLASH, PERCENT,
  EQ, NE, LT, LE, GT, GE,
  EOF
}
