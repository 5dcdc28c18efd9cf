package io.tributary.rules.internal.parser;

import io.tributary.rules.SqlVersion;
import io.tributary.rules.internal.ast.BinaryOp;
import io.tributary.rules.internal.ast.Expr;
import io.tributary.rules.internal.ast.Pos;
import io.tributary.rules.internal.ast.Select;
import io.tributary.rules.internal.ast.SelectItem;
import io.tributary.rules.internal.lexer.Token;
import io.tributary.rules.internal.lexer.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for expressions and SELECT lists, one method per precedence level:
 * OR, AND, NOT, comparison, additive, multiplicative, unary minus, member access, primary.
 */
final class ExpressionParser {

  private final TokenStream ts;
  private final SqlVersion version;
  private final PrimaryParser primaries;

  ExpressionParser(TokenStream ts, SqlVersion version) {
    this.ts = ts;
    this.version = version;
    this.primaries = new PrimaryParser(ts, this);
  }

  SqlVersion version() {
    return version;
  }

  Expr expression() {
    return or();
  }

  private Expr or() {
    Expr left = and();
    while (ts.atKeyword("OR")) {
      Pos pos = TokenStream.pos(ts.next());
      left = new Expr.Binary(pos, BinaryOp.OR, left, and());
    }
    return left;
  }

  private Expr and() {
    Expr left = not();
    while (ts.atKeyword("AND")) {
      Pos pos = TokenStream.pos(ts.next());
      left = new Expr.Binary(pos, BinaryOp.AND, left, not());
    }
    return left;
  }

  private Expr not() {
    if (ts.atKeyword("NOT")) {
      Pos pos = TokenStream.pos(ts.next());
      return new Expr.Not(pos, not());
    }
    return comparison();
  }

  private Expr comparison() {
    Expr left = additive();
    BinaryOp op = switch (ts.peek().type()) {
      case EQ -> BinaryOp.EQ;
      case NE -> BinaryOp.NE;
      case LT -> BinaryOp.LT;
      case LE -> BinaryOp.LE;
      case GT -> BinaryOp.GT;
      case GE -> BinaryOp.GE;
      default -> null;
    };
    if (op == null) {
      return left;
    }
    Pos pos = TokenStream.pos(ts.next());
    return new Expr.Binary(pos, op, left, additive());
  }

  private Expr additive() {
    Expr left = multiplicative();
    while (ts.at(TokenType.PLUS) || ts.at(TokenType.MINUS)) {
      Token t = ts.next();
      BinaryOp op = t.type() == TokenType.PLUS ? BinaryOp.ADD : BinaryOp.SUB;
      left = new Expr.Binary(TokenStream.pos(t), op, left, multiplicative());
    }
    return left;
  }

  private Expr multiplicative() {
    Expr left = unary();
    while (ts.at(TokenType.STAR) || ts.at(TokenType.SLASH) || ts.at(TokenType.PERCENT)) {
      Token t = ts.next();
      BinaryOp op = switch (t.type()) {
        case STAR -> BinaryOp.MUL;
        case SLASH -> BinaryOp.DIV;
        default -> BinaryOp.MOD;
      };
      left = new Expr.Binary(TokenStream.pos(t), op, left, unary());
    }
    return left;
  }

  private Expr unary() {
    if (ts.at(TokenType.MINUS)) {
      Token t = ts.next();
      if (ts.at(TokenType.NUMBER)) {
        Token n = ts.next();
        return postfix(primaries.number(n, "-" + n.text(), TokenStream.pos(t)));
      }
      return new Expr.Negate(TokenStream.pos(t), unary());
    }
    return postfix(primaries.primary());
  }

  /** Member access after any primary: {@code x.a.b}. */
  Expr postfix(Expr target) {
    Expr e = target;
    while (ts.at(TokenType.DOT)) {
      ts.next();
      Token name = ts.expect(TokenType.IDENT, "a field name after '.'");
      e = new Expr.Member(TokenStream.pos(name), e, name.text());
    }
    return e;
  }

  /** A SELECT list, after the SELECT keyword. */
  Select selectList() {
    Token first = ts.peek();
    Pos pos = TokenStream.pos(first);
    if (ts.acceptKeyword("VALUE")) {
      return new Select(pos, expression(), List.of());
    }
    List<SelectItem> items = new ArrayList<>();
    do {
      Expr e = expression();
      List<String> alias = List.of();
      if (ts.acceptKeyword("AS")) {
        alias = aliasPath();
      }
      items.add(new SelectItem(e, alias));
    } while (ts.accept(TokenType.COMMA));
    return new Select(pos, null, items);
  }

  private List<String> aliasPath() {
    List<String> path = new ArrayList<>();
    do {
      if (ts.at(TokenType.STRING) && path.isEmpty()) {
        path.add(ts.next().value());
        return path;
      }
      if (TokenStream.isReserved(ts.peek())) {
        throw ts.expected("an alias name");
      }
      path.add(ts.expect(TokenType.IDENT, "an alias name").text());
    } while (ts.accept(TokenType.DOT));
    return path;
  }

  /** A nested SELECT after its SELECT keyword: {@code items FROM source [WHERE cond]}. */
  Expr nestedSelect(Token selectToken) {
    Pos pos = TokenStream.pos(selectToken);
    if (!version.atLeast2016()) {
      throw TokenStream.error(pos, "Nested SELECT requires SQL version 2016-03-23");
    }
    Select select = selectList();
    ts.expectKeyword("FROM");
    Expr source = postfix(primaries.primary());
    Expr filter = ts.acceptKeyword("WHERE") ? expression() : null;
    return new Expr.NestedSelect(pos, select, source, filter);
  }
}
