package io.tributary.rules.internal.parser;

import io.tributary.rules.SqlParseException;
import io.tributary.rules.internal.ast.Pos;
import io.tributary.rules.internal.lexer.Token;
import io.tributary.rules.internal.lexer.TokenType;
import java.util.List;
import java.util.Set;

/** Cursor over the tokens of one statement, with the error helpers of the parser. */
final class TokenStream {

  /** Words that cannot name a payload field. */
  private static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "AS", "AND", "OR",
      "NOT", "CASE", "WHEN", "THEN", "ELSE", "END", "TRUE", "FALSE", "NULL", "SET");

  private final List<Token> tokens;
  private int index;

  TokenStream(List<Token> tokens) {
    this.tokens = tokens;
  }

  Token peek() {
    return tokens.get(index);
  }

  Token peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  Token next() {
    Token t = tokens.get(index);
    if (t.type() != TokenType.EOF) {
      index++;
    }
    return t;
  }

  boolean at(TokenType type) {
    return peek().type() == type;
  }

  boolean atKeyword(String keyword) {
    return peek().isKeyword(keyword);
  }

  boolean accept(TokenType type) {
    if (at(type)) {
      next();
      return true;
    }
    return false;
  }

  boolean acceptKeyword(String keyword) {
    if (atKeyword(keyword)) {
      next();
      return true;
    }
    return false;
  }

  Token expect(TokenType type, String what) {
    if (!at(type)) {
      throw expected(what);
    }
    return next();
  }

  Token expectKeyword(String keyword) {
    if (!atKeyword(keyword)) {
      throw expected("'" + keyword + "'");
    }
    return next();
  }

  static boolean isReserved(Token t) {
    return t.type() == TokenType.IDENT && RESERVED.contains(t.upper());
  }

  static Pos pos(Token t) {
    return new Pos(t.line(), t.column(), t.display());
  }

  SqlParseException expected(String what) {
    Token t = peek();
    return error(t, "Expected " + what + " but found '" + t.display() + "'");
  }

  static SqlParseException error(Token t, String detail) {
    return new SqlParseException(t.line(), t.column(), t.display(), detail);
  }

  static SqlParseException error(Pos p, String detail) {
    return new SqlParseException(p.line(), p.column(), p.token(), detail);
  }
}
