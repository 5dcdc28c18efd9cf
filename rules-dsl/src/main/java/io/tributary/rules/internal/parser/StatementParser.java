package io.tributary.rules.internal.parser;

import io.tributary.rules.SqlParseException;
import io.tributary.rules.SqlVersion;
import io.tributary.rules.internal.ast.Expr;
import io.tributary.rules.internal.ast.Pos;
import io.tributary.rules.internal.ast.Statement;
import io.tributary.rules.internal.lexer.Lexer;
import io.tributary.rules.internal.lexer.LexerException;
import io.tributary.rules.internal.lexer.Token;
import io.tributary.rules.internal.lexer.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a whole rule statement: {@code [SET @v = e, ...] SELECT ... [FROM 'filter'] [WHERE e]}.
 * Expressions are delegated to {@link ExpressionParser}.
 */
public final class StatementParser {

  private StatementParser() {}

  /** Parses {@code sql} for {@code version}, or throws a positioned {@link SqlParseException}. */
  public static Statement parse(String sql, SqlVersion version) {
    TokenStream ts = new TokenStream(tokenize(new Lexer(sql)));
    ExpressionParser ep = new ExpressionParser(ts, version);
    List<Statement.Assignment> assignments = ts.atKeyword("SET") ? assignments(ts, ep) : List.of();
    ts.expectKeyword("SELECT");
    var select = ep.selectList();
    String filter = null;
    if (ts.acceptKeyword("FROM")) {
      Token t = ts.expect(TokenType.STRING, "a quoted topic filter");
      filter = TopicFilters.validate(t);
    }
    Expr where = ts.acceptKeyword("WHERE") ? ep.expression() : null;
    if (!ts.at(TokenType.EOF)) {
      throw ts.expected("end of statement");
    }
    return new Statement(assignments, select, filter, where);
  }

  /** Parses a stand-alone expression (the inside of a substitution template). */
  public static Expr parseExpression(String text, SqlVersion version, int line, int column) {
    TokenStream ts = new TokenStream(tokenize(new Lexer(text, line - 1, column - 1)));
    Expr e = new ExpressionParser(ts, version).expression();
    if (!ts.at(TokenType.EOF)) {
      throw ts.expected("end of expression");
    }
    return e;
  }

  static List<Token> tokenize(Lexer lexer) {
    try {
      return lexer.tokenize();
    } catch (LexerException e) {
      throw new SqlParseException(e.line(), e.column(), e.token(), e.getMessage());
    }
  }

  private static List<Statement.Assignment> assignments(TokenStream ts, ExpressionParser ep) {
    ts.next();
    List<Statement.Assignment> out = new ArrayList<>();
    do {
      Token var = ts.expect(TokenType.VARIABLE, "a variable such as @name");
      Pos pos = TokenStream.pos(var);
      if (var.value().length() > 64) {
        throw TokenStream.error(var, "Variable name longer than 64 characters");
      }
      if (out.stream().anyMatch(a -> a.name().equals(var.value()))) {
        throw TokenStream.error(var, "Variable '" + var.text() + "' is assigned twice");
      }
      ts.expect(TokenType.EQ, "'='");
      out.add(new Statement.Assignment(pos, var.value(), ep.expression()));
    } while (ts.accept(TokenType.COMMA));
    if (out.size() > 10) {
      throw TokenStream.error(out.get(10).pos(), "At most 10 variables may be SET");
    }
    return out;
  }
}
