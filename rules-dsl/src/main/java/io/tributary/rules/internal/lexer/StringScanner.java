package io.tributary.rules.internal.lexer;

/** Scans one string literal for the {@link Lexer}. */
final class StringScanner {

  private final Lexer lexer;
  private final char quote;

  StringScanner(Lexer lexer, char quote) {
    this.lexer = lexer;
    this.quote = quote;
  }

  Token scan(int start) {
    StringBuilder sb = new StringBuilder();
    Token first = lexer.token(TokenType.STRING, start, "");
    lexer.advance(1);
    while (true) {
      char c = lexer.peek(0);
      if (lexer.pos() >= lexer.source().length()) {
        throw new LexerException(first.line(), first.column(), String.valueOf(quote),
            "Unterminated string literal");
      }
      if (c == quote) {
        if (lexer.peek(1) == quote) {
          sb.append(quote);
          lexer.advance(2);
          continue;
        }
        lexer.advance(1);
        break;
      }
      if (c == '\\' && quote == '"') {
        escape(sb);
        continue;
      }
      if (c == '\n') {
        lexer.newline();
      }
      sb.append(c);
      lexer.advance(1);
    }
    String text = lexer.source().substring(start, lexer.pos());
    return new Token(TokenType.STRING, text, sb.toString(), first.line(), first.column());
  }

  private void escape(StringBuilder sb) {
    char e = lexer.peek(1);
    switch (e) {
      case 'n' -> sb.append('\n');
      case 't' -> sb.append('\t');
      case 'r' -> sb.append('\r');
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case '/' -> sb.append('/');
      case '\\' -> sb.append('\\');
      case '"' -> sb.append('"');
      case '\'' -> sb.append('\'');
      case 'u' -> {
        String hex = lexer.source().substring(lexer.pos() + 2,
            Math.min(lexer.pos() + 6, lexer.source().length()));
        if (hex.length() == 4 && hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
          sb.append((char) Integer.parseInt(hex, 16));
          lexer.advance(6);
          return;
        }
        sb.append("\\u");
      }
      default -> sb.append('\\').append(e);
    }
    lexer.advance(2);
  }
}
