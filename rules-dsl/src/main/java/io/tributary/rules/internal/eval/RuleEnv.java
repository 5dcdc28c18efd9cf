package io.tributary.rules.internal.eval;

import io.tributary.rules.Lookups;
import io.tributary.rules.SqlVersion;

/** What a compiled rule is bound to: its SQL version and the lookups it may call. */
public record RuleEnv(SqlVersion version, Lookups lookups) {

  /** The 2016-03-23 rule: whole-number decimals are processed as Ints. */
  public boolean wholeAsInt() {
    return version.atLeast2016();
  }
}
