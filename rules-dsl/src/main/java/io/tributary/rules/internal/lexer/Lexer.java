package io.tributary.rules.internal.lexer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits AWS IoT SQL text into tokens. Strings take single or double quotes; a doubled quote
 * stands for itself; double-quoted strings also take JSON backslash escapes, single-quoted ones
 * keep backslashes as they are (so regular expressions need no double escaping).
 */
public final class Lexer {

  private final String src;
  private final int lineOffset;
  private final int columnOffset;
  private int pos;
  private int line = 1;
  private int lineStart;

  /** A lexer for text that starts at line 1, column 1. */
  public Lexer(String src) {
    this(src, 0, 0);
  }

  /** A lexer for text embedded elsewhere (templates): positions are shifted on the first line. */
  public Lexer(String src, int lineOffset, int columnOffset) {
    this.src = src;
    this.lineOffset = lineOffset;
    this.columnOffset = columnOffset;
  }

  public List<Token> tokenize() {
    List<Token> out = new ArrayList<>();
    while (true) {
      skipSpace();
      if (pos >= src.length()) {
        out.add(token(TokenType.EOF, pos, ""));
        return out;
      }
      out.add(next());
    }
  }

  private void skipSpace() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\n') {
        line++;
        lineStart = pos + 1;
      } else if (!Character.isWhitespace(c)) {
        return;
      }
      pos++;
    }
  }

  private Token next() {
    int start = pos;
    char c = src.charAt(pos);
    if (Character.isLetter(c) || c == '_') {
      while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
        pos++;
      }
      return token(TokenType.IDENT, start, src.substring(start, pos));
    }
    if (Character.isDigit(c)) {
      return number(start);
    }
    if (c == '\'' || c == '"') {
      return new StringScanner(this, c).scan(start);
    }
    if (c == '@') {
      pos++;
      while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
        pos++;
      }
      if (pos == start + 1) {
        throw error(start, "@", "Expected a variable name after '@'");
      }
      Token t = token(TokenType.VARIABLE, start, src.substring(start, pos));
      return new Token(t.type(), t.text(), t.text().substring(1), t.line(), t.column());
    }
    return symbol(start, c);
  }

  private Token number(int start) {
    digits();
    if (peek(0) == '.' && Character.isDigit(peek(1))) {
      pos++;
      digits();
    }
    if ((peek(0) == 'e' || peek(0) == 'E')
        && (Character.isDigit(peek(1)) || ((peek(1) == '-' || peek(1) == '+') && Character.isDigit(peek(2))))) {
      pos += 2;
      digits();
    }
    return token(TokenType.NUMBER, start, src.substring(start, pos));
  }

  private void digits() {
    while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
      pos++;
    }
  }

  private Token symbol(int start, char c) {
    char n = peek(1);
    TokenType two = c == '<' && n == '>' ? TokenType.NE
        : c == '!' && n == '=' ? TokenType.NE
        : c == '<' && n == '=' ? TokenType.LE
        : c == '>' && n == '=' ? TokenType.GE : null;
    if (two != null) {
      pos += 2;
      return token(two, start, src.substring(start, pos));
    }
    TokenType one = switch (c) {
      case ',' -> TokenType.COMMA;
      case '.' -> TokenType.DOT;
      case ':' -> TokenType.COLON;
      case '(' -> TokenType.LPAREN;
      case ')' -> TokenType.RPAREN;
      case '{' -> TokenType.LBRACE;
      case '}' -> TokenType.RBRACE;
      case '[' -> TokenType.LBRACKET;
      case ']' -> TokenType.RBRACKET;
      case '*' -> TokenType.STAR;
      case '+' -> TokenType.PLUS;
      case '-' -> TokenType.MINUS;
      case '/' -> TokenType.SLASH;
      case '%' -> TokenType.PERCENT;
      case '=' -> TokenType.EQ;
      case '<' -> TokenType.LT;
      case '>' -> TokenType.GT;
      default -> null;
    };
    if (one == null) {
      throw error(start, String.valueOf(c), "Unexpected character '" + c + "'");
    }
    pos++;
    return token(one, start, String.valueOf(c));
  }

  char peek(int ahead) {
    int i = pos + ahead;
    return i < src.length() ? src.charAt(i) : '\0';
  }

  String source() {
    return src;
  }

  int pos() {
    return pos;
  }

  void advance(int n) {
    pos += n;
  }

  void newline() {
    line++;
    lineStart = pos + 1;
  }

  Token token(TokenType type, int start, String text) {
    return new Token(type, text, text, line + lineOffset, column(start));
  }

  private int column(int offset) {
    int col = offset - lineStart + 1;
    return line == 1 ? col + columnOffset : col;
  }

  LexerException error(int offset, String tokenText, String message) {
    return new LexerException(line + lineOffset, column(offset), tokenText, message);
  }
}
