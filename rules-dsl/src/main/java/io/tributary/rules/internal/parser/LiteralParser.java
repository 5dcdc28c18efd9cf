package io.tributary.rules.internal.parser;

import io.tributary.rules.internal.ast.Expr;
import io.tributary.rules.internal.ast.Pos;
import io.tributary.rules.internal.lexer.Token;
import io.tributary.rules.internal.lexer.TokenType;
import java.util.ArrayList;
import java.util.List;

/** Object and array literals ({@code {'k': v}}, {@code [a, b]}), SQL version 2016-03-23 only. */
final class LiteralParser {

  private final TokenStream ts;
  private final ExpressionParser ep;

  LiteralParser(TokenStream ts, ExpressionParser ep) {
    this.ts = ts;
    this.ep = ep;
  }

  Expr object() {
    Pos pos = start("Object");
    List<String> keys = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    if (!ts.at(TokenType.RBRACE)) {
      do {
        Token key = ts.peek();
        if (key.type() != TokenType.STRING && key.type() != TokenType.IDENT) {
          throw ts.expected("a quoted key");
        }
        ts.next();
        keys.add(key.value());
        ts.expect(TokenType.COLON, "':'");
        values.add(ep.expression());
      } while (ts.accept(TokenType.COMMA));
    }
    ts.expect(TokenType.RBRACE, "',' or '}'");
    return new Expr.ObjectLiteral(pos, keys, values);
  }

  Expr array() {
    Pos pos = start("Array");
    List<Expr> items = new ArrayList<>();
    if (!ts.at(TokenType.RBRACKET)) {
      do {
        items.add(ep.expression());
      } while (ts.accept(TokenType.COMMA));
    }
    ts.expect(TokenType.RBRACKET, "',' or ']'");
    return new Expr.ArrayLiteral(pos, items);
  }

  private Pos start(String kind) {
    Token open = ts.next();
    if (!ep.version().atLeast2016()) {
      throw TokenStream.error(open, kind + " literals require SQL version 2016-03-23");
    }
    return TokenStream.pos(open);
  }
}
