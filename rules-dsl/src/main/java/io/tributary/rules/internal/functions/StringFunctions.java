package io.tributary.rules.internal.functions;

import static io.tributary.rules.internal.functions.Args.UNDEFINED;
import static io.tributary.rules.internal.functions.FunctionTable.add;
import static io.tributary.rules.internal.functions.FunctionTable.add2016;

import io.tributary.rules.internal.value.ArrayValue;
import io.tributary.rules.internal.value.BoolValue;
import io.tributary.rules.internal.value.Conversions;
import io.tributary.rules.internal.value.IntValue;
import io.tributary.rules.internal.value.ObjectValue;
import io.tributary.rules.internal.value.StringValue;
import io.tributary.rules.internal.value.Value;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** String functions. Arguments go through the String conversion; Null and Undefined give Undefined. */
final class StringFunctions {

  private StringFunctions() {}

  static void register() {
    add("chr", 1, (f, a) -> chr(a[0]));
    add("concat", 0, Integer.MAX_VALUE, false, (f, a) -> Concat.apply(a));
    add("startswith", 2, (f, a) -> twoStrings(a, (s, t) -> BoolValue.of(s.startsWith(t))));
    add("endswith", 2, (f, a) -> twoStrings(a, (s, t) -> BoolValue.of(s.endsWith(t))));
    add2016("indexof", 2, (f, a) -> indexOf(a[0], a[1]));
    add2016("length", 1, Args.onString(s -> IntValue.of(s.codePointCount(0, s.length()))));
    add2016("numbytes", 1, Args.onString(s -> IntValue.of(s.getBytes(StandardCharsets.UTF_8).length)));
    add("lower", 1, Args.onString(s -> new StringValue(s.toLowerCase(Locale.ROOT))));
    add("upper", 1, Args.onString(s -> new StringValue(s.toUpperCase(Locale.ROOT))));
    add("lpad", 2, (f, a) -> pad(a, true));
    add("rpad", 2, (f, a) -> pad(a, false));
    add("ltrim", 1, Args.onString(s -> new StringValue(trim(s, true, false))));
    add("rtrim", 1, Args.onString(s -> new StringValue(trim(s, false, true))));
    add("trim", 1, Args.onString(s -> new StringValue(trim(s, true, true))));
    add("replace", 3, (f, a) -> replace(a));
    add("substring", 2, 3, false, (f, a) -> substring(a));
  }

  private static Value chr(Value v) {
    Integer cp = Conversions.toJavaInt(v, RoundingMode.FLOOR);
    if (cp == null || cp < 0 || !Character.isValidCodePoint(cp)) {
      return UNDEFINED;
    }
    return new StringValue(new String(Character.toChars(cp)));
  }

  private static Value twoStrings(Value[] a, java.util.function.BiFunction<String, String, Value> body) {
    String s = Conversions.toStr(a[0]);
    String t = Conversions.toStr(a[1]);
    return s == null || t == null ? UNDEFINED : body.apply(s, t);
  }

  private static Value indexOf(Value s, Value t) {
    if (s instanceof ArrayValue || s instanceof ObjectValue || t instanceof ArrayValue
        || t instanceof ObjectValue) {
      return UNDEFINED;
    }
    return twoStrings(new Value[] {s, t}, (x, y) -> {
      int i = x.indexOf(y);
      return IntValue.of(i < 0 ? -1 : x.codePointCount(0, i));
    });
  }

  private static Value pad(Value[] a, boolean left) {
    String s = Conversions.toStr(a[0]);
    Integer n = Conversions.toJavaInt(a[1], RoundingMode.FLOOR);
    if (s == null || n == null) {
      return UNDEFINED;
    }
    String spaces = " ".repeat(Math.max(0, Math.min(1000, n)));
    return new StringValue(left ? spaces + s : s + spaces);
  }

  static String trim(String s, boolean leading, boolean trailing) {
    int start = 0;
    int end = s.length();
    while (leading && start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
      start++;
    }
    while (trailing && end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
      end--;
    }
    return s.substring(start, end);
  }

  private static Value replace(Value[] a) {
    String s = Conversions.toStr(a[0]);
    String from = Conversions.toStr(a[1]);
    String to = Conversions.toStr(a[2]);
    if (s == null || from == null || to == null) {
      return UNDEFINED;
    }
    return new StringValue(from.isEmpty() ? s : s.replace(from, to));
  }

  private static Value substring(Value[] a) {
    String s = Conversions.toStr(a[0]);
    Integer from = Conversions.toJavaInt(a[1], RoundingMode.DOWN);
    Integer to = a.length > 2 ? Conversions.toJavaInt(a[2], RoundingMode.DOWN) : Integer.valueOf(Integer.MAX_VALUE);
    if (s == null || from == null || to == null) {
      return UNDEFINED;
    }
    int i = Args.charIndex(s, from);
    int j = Args.charIndex(s, to);
    return new StringValue(i >= j ? "" : s.substring(i, j));
  }
}
