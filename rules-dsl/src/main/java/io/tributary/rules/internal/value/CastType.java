package io.tributary.rules.internal.value;

import java.util.Locale;
import java.util.Map;

/** The target types of {@code cast(v AS type)}. */
public enum CastType {
  STRING(false),
  INT(false),
  DOUBLE(false),
  DECIMAL(true),
  BOOLEAN(true);

  private static final Map<String, CastType> KEYWORDS = Map.ofEntries(
      Map.entry("string", STRING), Map.entry("nvarchar", STRING), Map.entry("text", STRING),
      Map.entry("ntext", STRING), Map.entry("varchar", STRING),
      Map.entry("int", INT), Map.entry("integer", INT),
      Map.entry("double", DOUBLE),
      Map.entry("decimal", DECIMAL),
      Map.entry("bool", BOOLEAN), Map.entry("boolean", BOOLEAN));

  private final boolean since2016;

  CastType(boolean since2016) {
    this.since2016 = since2016;
  }

  /** The type for a keyword (case-insensitive), or null if the keyword is not a type. */
  public static CastType forKeyword(String keyword) {
    return KEYWORDS.get(keyword.toLowerCase(Locale.ROOT));
  }

  /** Decimal, Bool and Boolean exist only in SQL version 2016-03-23. */
  public boolean since2016() {
    return since2016;
  }
}
