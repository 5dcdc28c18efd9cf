package io.tributary.rules.internal.functions;

import static io.tributary.rules.internal.functions.Args.UNDEFINED;
import static io.tributary.rules.internal.functions.FunctionTable.add;

import io.tributary.rules.internal.value.BoolValue;
import io.tributary.rules.internal.value.Conversions;
import io.tributary.rules.internal.value.StringValue;
import io.tributary.rules.internal.value.Value;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * regexp_matches (contains a match), regexp_replace ({@code $1} group references) and
 * regexp_substr (first match; no match is Undefined), in the {@code java.util.regex} dialect.
 * Compiled patterns are cached; an invalid pattern gives Undefined.
 */
final class RegexFunctions {

  private static final int CACHE_LIMIT = 512;
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private RegexFunctions() {}

  static void register() {
    add("regexp_matches", 2, (f, a) -> withMatcher(a, m -> BoolValue.of(m.find())));
    add("regexp_substr", 2, (f, a) -> withMatcher(a, m -> m.find() ? new StringValue(m.group()) : UNDEFINED));
    add("regexp_replace", 3, (f, a) -> {
      String repl = Conversions.toStr(a[2]);
      if (repl == null) {
        return UNDEFINED;
      }
      return withMatcher(a, m -> {
        try {
          return new StringValue(m.replaceAll(repl));
        } catch (IllegalArgumentException | IndexOutOfBoundsException badReference) {
          return UNDEFINED;
        }
      });
    });
  }

  private static Value withMatcher(Value[] a, java.util.function.Function<Matcher, Value> body) {
    String s = Conversions.toStr(a[0]);
    String re = Conversions.toStr(a[1]);
    if (s == null || re == null) {
      return UNDEFINED;
    }
    Pattern p = pattern(re);
    return p == null ? UNDEFINED : body.apply(p.matcher(s));
  }

  private static Pattern pattern(String re) {
    Pattern p = CACHE.get(re);
    if (p != null) {
      return p;
    }
    try {
      p = Pattern.compile(re);
    } catch (PatternSyntaxException e) {
      return null;
    }
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear();
    }
    CACHE.put(re, p);
    return p;
  }
}
