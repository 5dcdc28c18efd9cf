package io.tributary.rules.internal.functions;

import static io.tributary.rules.internal.functions.Args.UNDEFINED;
import static io.tributary.rules.internal.functions.FunctionTable.add;

import io.tributary.rules.internal.value.Conversions;
import io.tributary.rules.internal.value.IntValue;
import io.tributary.rules.internal.value.StringValue;
import io.tributary.rules.internal.value.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * timestamp() (from the message's clock, once per message), newuuid(), parse_time (Joda-Time
 * pattern, translated to java.time) and time_to_epoch (JDK DateTimeFormatter pattern, UTC when
 * the text has no zone).
 */
final class TimeFunctions {

  private static final int CACHE_LIMIT = 256;
  private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();
  private static final Map<String, DateTimeFormatter> PARSERS = new ConcurrentHashMap<>();

  private TimeFunctions() {}

  static void register() {
    add("timestamp", 0, (f, a) -> IntValue.of(f.timestamp()));
    add("newuuid", 0, (f, a) -> new StringValue(UUID.randomUUID().toString()));
    add("parse_time", 2, 3, true, (f, a) -> parseTime(a));
    add("time_to_epoch", 2, 2, true, (f, a) -> timeToEpoch(a[0], a[1]));
  }

  private static Value parseTime(Value[] a) {
    String pattern = Conversions.toStr(a[0]);
    BigDecimal millis = Conversions.toDecimal(a[1]);
    String zone = a.length > 2 ? Conversions.toStr(a[2]) : "UTC";
    if (pattern == null || millis == null || zone == null) {
      return UNDEFINED;
    }
    try {
      DateTimeFormatter fmt = formatter(pattern).withZone(ZoneId.of(zone));
      long epochMillis = millis.setScale(0, RoundingMode.FLOOR).longValueExact();
      return new StringValue(fmt.format(Instant.ofEpochMilli(epochMillis)));
    } catch (DateTimeException | IllegalArgumentException | ArithmeticException e) {
      return UNDEFINED;
    }
  }

  /** A formatter for a Joda-Time pattern, cached; throws IllegalArgumentException if invalid. */
  private static DateTimeFormatter formatter(String jodaPattern) {
    return cached(FORMATTERS, jodaPattern,
        p -> DateTimeFormatter.ofPattern(JodaPatterns.toJavaTime(p), Locale.US));
  }

  /** A case-insensitive parser for a JDK pattern, cached. */
  private static DateTimeFormatter parser(String pattern) {
    return cached(PARSERS, pattern, p -> new DateTimeFormatterBuilder().parseCaseInsensitive()
        .appendPattern(p).toFormatter(Locale.US));
  }

  private static DateTimeFormatter cached(Map<String, DateTimeFormatter> cache, String pattern,
      Function<String, DateTimeFormatter> build) {
    DateTimeFormatter f = cache.get(pattern);
    if (f == null) {
      f = build.apply(pattern);
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      cache.put(pattern, f);
    }
    return f;
  }

  private static Value timeToEpoch(Value text, Value patternValue) {
    String s = Conversions.toStr(text);
    String pattern = Conversions.toStr(patternValue);
    if (s == null || pattern == null) {
      return UNDEFINED;
    }
    try {
      TemporalAccessor t = parser(pattern).parse(s);
      if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
        return IntValue.of(Instant.from(t).toEpochMilli());
      }
      LocalDate date = t.query(TemporalQueries.localDate());
      if (date == null) {
        return UNDEFINED;
      }
      LocalTime time = t.query(TemporalQueries.localTime());
      ZoneId zone = t.query(TemporalQueries.zone());
      Instant instant = date.atTime(time == null ? LocalTime.MIDNIGHT : time)
          .atZone(zone == null ? ZoneOffset.UTC : zone).toInstant();
      return IntValue.of(instant.toEpochMilli());
    } catch (DateTimeException | IllegalArgumentException e) {
      return UNDEFINED;
    }
  }
}
