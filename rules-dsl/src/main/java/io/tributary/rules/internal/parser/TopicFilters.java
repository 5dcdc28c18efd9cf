package io.tributary.rules.internal.parser;

import io.tributary.rules.internal.lexer.Token;
import java.nio.charset.StandardCharsets;

/** Checks the FROM topic filter: {@code +} and {@code #} are whole levels, {@code #} is last. */
final class TopicFilters {

  private TopicFilters() {}

  static String validate(Token t) {
    String filter = t.value();
    if (filter.isEmpty()) {
      throw TokenStream.error(t, "The topic filter must not be empty");
    }
    if (filter.getBytes(StandardCharsets.UTF_8).length > 256) {
      throw TokenStream.error(t, "The topic filter is longer than 256 bytes");
    }
    String[] levels = filter.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
        throw TokenStream.error(t, "Invalid topic filter " + t.text()
            + ": '#' must be a whole level and the last one");
      }
      if (level.contains("+") && !level.equals("+")) {
        throw TokenStream.error(t, "Invalid topic filter " + t.text()
            + ": '+' must be a whole level");
      }
    }
    return filter;
  }
}
