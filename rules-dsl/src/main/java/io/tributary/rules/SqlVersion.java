package io.tributary.rules;

import java.util.Optional;

/** The {@code awsIotSqlVersion} of a rule. The version gates features and changes semantics. */
public enum SqlVersion {
  /** The original version; the default when a rule names none. */
  V2015_10_08("2015-10-08"),
  /**
   * The recommended version: nested SELECT, object and array literals, encode/decode, more
   * functions, and whole-number Decimals processed as Ints.
   */
  V2016_03_23("2016-03-23");

  /** The version AWS applies when {@code awsIotSqlVersion} is omitted. */
  public static final SqlVersion DEFAULT = V2015_10_08;

  private final String id;

  SqlVersion(String id) {
    this.id = id;
  }

  /** The version string as written in a TopicRulePayload, e.g. {@code "2016-03-23"}. */
  public String id() {
    return id;
  }

  /**
   * The version for an {@code awsIotSqlVersion} string. {@code "beta"} maps to the newest
   * version; unknown strings give an empty result.
   */
  public static Optional<SqlVersion> fromId(String id) {
    if ("beta".equals(id)) {
      return Optional.of(V2016_03_23);
    }
    for (SqlVersion v : values()) {
      if (v.id.equals(id)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** True from 2016-03-23 on. */
  public boolean atLeast2016() {
    return this == V2016_03_23;
  }
}
