package io.tributary.rules.internal.parser;

import io.tributary.rules.internal.ast.Expr;
import io.tributary.rules.internal.ast.Pos;
import io.tributary.rules.internal.lexer.Token;
import io.tributary.rules.internal.lexer.TokenType;
import io.tributary.rules.internal.value.BoolValue;
import io.tributary.rules.internal.value.CastType;
import io.tributary.rules.internal.value.DecimalValue;
import io.tributary.rules.internal.value.IntValue;
import io.tributary.rules.internal.value.NullValue;
import io.tributary.rules.internal.value.Numbers;
import io.tributary.rules.internal.value.StringValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Primaries: literals, fields, variables, {@code *}, calls, cast, CASE, parentheses, literals. */
final class PrimaryParser {

  private final TokenStream ts;
  private final ExpressionParser ep;

  PrimaryParser(TokenStream ts, ExpressionParser ep) {
    this.ts = ts;
    this.ep = ep;
  }

  Expr primary() {
    Token t = ts.peek();
    Pos pos = TokenStream.pos(t);
    switch (t.type()) {
      case NUMBER:
        ts.next();
        return number(t, t.text(), pos);
      case STRING:
        ts.next();
        return new Expr.Literal(pos, new StringValue(t.value()));
      case VARIABLE:
        ts.next();
        return new Expr.Variable(pos, t.value());
      case STAR:
        ts.next();
        return new Expr.Star(pos);
      case LPAREN:
        return parenthesised();
      case LBRACE:
        return new LiteralParser(ts, ep).object();
      case LBRACKET:
        return new LiteralParser(ts, ep).array();
      case IDENT:
        return identifier(t, pos);
      default:
        throw ts.expected("an expression");
    }
  }

  Expr.Literal number(Token t, String text, Pos pos) {
    if (!text.contains(".") && !text.contains("e") && !text.contains("E")) {
      BigInteger i = new BigInteger(text);
      return new Expr.Literal(pos, i.bitLength() < 64 ? IntValue.of(i.longValue())
          : new DecimalValue(new BigDecimal(i)));
    }
    return new Expr.Literal(pos, new DecimalValue(new BigDecimal(text, Numbers.CONTEXT)));
  }

  private Expr parenthesised() {
    ts.next();
    Expr e = ts.atKeyword("SELECT") ? ep.nestedSelect(ts.next()) : ep.expression();
    ts.expect(TokenType.RPAREN, "')'");
    return e;
  }

  private Expr identifier(Token t, Pos pos) {
    String upper = t.upper();
    switch (upper) {
      case "TRUE": ts.next(); return new Expr.Literal(pos, BoolValue.TRUE);
      case "FALSE": ts.next(); return new Expr.Literal(pos, BoolValue.FALSE);
      case "NULL": ts.next(); return new Expr.Literal(pos, NullValue.INSTANCE);
      case "CASE": return caseExpr();
      default: break;
    }
    if (ts.peek(1).type() == TokenType.LPAREN && !TokenStream.isReserved(t)) {
      return upper.equals("CAST") ? cast() : call();
    }
    if (TokenStream.isReserved(t)) {
      throw ts.expected("an expression");
    }
    ts.next();
    return new Expr.Field(pos, t.text());
  }

  private Expr call() {
    Token name = ts.next();
    ts.next();
    List<Expr> args = new ArrayList<>();
    if (!ts.at(TokenType.RPAREN)) {
      do {
        args.add(ts.atKeyword("SELECT") ? ep.nestedSelect(ts.next()) : ep.expression());
      } while (ts.accept(TokenType.COMMA));
    }
    ts.expect(TokenType.RPAREN, "',' or ')'");
    return new Expr.Call(TokenStream.pos(name), name.text().toLowerCase(Locale.ROOT), args);
  }

  private Expr cast() {
    Token name = ts.next();
    ts.next();
    Expr operand = ep.expression();
    ts.expectKeyword("AS");
    Token typeToken = ts.expect(TokenType.IDENT, "a type name");
    CastType type = CastType.forKeyword(typeToken.text());
    if (type == null || (type.since2016() && !ep.version().atLeast2016())) {
      String known = ep.version().atLeast2016()
          ? "String, Nvarchar, Text, Ntext, varchar, Int, Integer, Double, Decimal, Bool, Boolean"
          : "String, Nvarchar, Text, Ntext, varchar, Int, Integer, Double";
      throw TokenStream.error(typeToken, "Unknown cast type '" + typeToken.text() + "' for SQL version "
          + ep.version().id() + "; expected one of " + known);
    }
    ts.expect(TokenType.RPAREN, "')'");
    return new Expr.Cast(TokenStream.pos(name), operand, type, TokenStream.pos(typeToken));
  }

  private Expr caseExpr() {
    Pos pos = TokenStream.pos(ts.next());
    Expr subject = ep.expression();
    List<Expr> whens = new ArrayList<>();
    List<Expr> thens = new ArrayList<>();
    if (!ts.atKeyword("WHEN")) {
      throw ts.expected("'WHEN'");
    }
    while (ts.acceptKeyword("WHEN")) {
      whens.add(ep.expression());
      ts.expectKeyword("THEN");
      thens.add(ep.expression());
    }
    Expr otherwise = ts.acceptKeyword("ELSE") ? ep.expression() : null;
    ts.expectKeyword("END");
    return new Expr.Case(pos, subject, whens, thens, otherwise);
  }
}
