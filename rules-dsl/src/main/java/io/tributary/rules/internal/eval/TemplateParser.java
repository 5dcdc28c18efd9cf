package io.tributary.rules.internal.eval;

import io.tributary.rules.SqlParseException;
import io.tributary.rules.internal.ast.Expr;
import io.tributary.rules.internal.parser.StatementParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a substitution template into literal text and {@code ${expression}} parts and compiles
 * each expression. The closing brace is found by counting braces outside string literals, so
 * object literals may appear inside an expression.
 */
public final class TemplateParser {

  private TemplateParser() {}

  public static TemplateProgram compile(String text, RuleEnv env, RuleProgram rule) {
    Map<String, Integer> vars = rule == null ? Map.of() : rule.variables();
    ExprCompiler exprs = new ExprCompiler(env, vars);
    List<TemplateProgram.Part> parts = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf("${", i);
      if (open < 0) {
        parts.add(new TemplateProgram.Part(text.substring(i), null));
        break;
      }
      if (open > i) {
        parts.add(new TemplateProgram.Part(text.substring(i, open), null));
      }
      int close = closingBrace(text, open + 2);
      int[] lc = lineColumn(text, open + 2);
      if (close < 0) {
        int[] at = lineColumn(text, open);
        throw new SqlParseException(at[0], at[1], "${", "Unterminated substitution template '${'");
      }
      String source = text.substring(open + 2, close);
      if (source.isBlank()) {
        throw new SqlParseException(lc[0], lc[1], "}", "Empty substitution template '${}'");
      }
      Expr e = StatementParser.parseExpression(source, env.version(), lc[0], lc[1]);
      parts.add(new TemplateProgram.Part(null, exprs.compile(e)));
      i = close + 1;
    }
    return new TemplateProgram(parts, env, rule);
  }

  private static int closingBrace(String text, int from) {
    int depth = 0;
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
    }
    return -1;
  }

  private static int[] lineColumn(String text, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, offset - lineStart + 1};
  }
}
