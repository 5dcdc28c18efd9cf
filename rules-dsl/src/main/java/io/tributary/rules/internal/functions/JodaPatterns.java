package io.tributary.rules.internal.functions;

/**
 * Translates the Joda-Time pattern letters that differ from java.time: {@code Y} (year of era)
 * becomes {@code y}, {@code x} (week year) becomes {@code Y}, {@code Z} becomes {@code xx},
 * {@code ZZ} becomes {@code xxx} and {@code ZZZ} (zone id) becomes {@code VV}. Quoted text is
 * copied unchanged.
 */
final class JodaPatterns {

  private JodaPatterns() {}

  static String toJavaTime(String joda) {
    StringBuilder out = new StringBuilder(joda.length() + 4);
    int i = 0;
    while (i < joda.length()) {
      char c = joda.charAt(i);
      if (c == '\'') {
        int end = joda.indexOf('\'', i + 1);
        end = end < 0 ? joda.length() - 1 : end;
        out.append(joda, i, end + 1);
        i = end + 1;
        continue;
      }
      int run = 1;
      while (i + run < joda.length() && joda.charAt(i + run) == c) {
        run++;
      }
      out.append(translate(c, run));
      i += run;
    }
    return out.toString();
  }

  private static String translate(char c, int run) {
    switch (c) {
      case 'Y':
        return "y".repeat(run);
      case 'x':
        return "Y".repeat(run);
      case 'Z':
        return run == 1 ? "xx" : run == 2 ? "xxx" : "VV";
      default:
        return String.valueOf(c).repeat(run);
    }
  }
}
