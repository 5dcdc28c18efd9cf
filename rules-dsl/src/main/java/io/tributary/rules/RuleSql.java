package io.tributary.rules;

import io.tributary.rules.internal.eval.RuleEnv;
import io.tributary.rules.internal.eval.RuleProgram;
import io.tributary.rules.internal.parser.StatementParser;
import java.util.Objects;

/** Entry point: compiles AWS IoT SQL statements into {@link CompiledRule}s. */
public final class RuleSql {

  private RuleSql() {}

  /**
   * Compiles a rule statement with no lookups: {@code get_thing_shadow} and
   * {@code get_registry_data} are refused.
   *
   * @throws SqlParseException when the statement is invalid for {@code version}
   */
  public static CompiledRule compile(String sql, SqlVersion version) {
    return compile(sql, version, Lookups.none());
  }

  /**
   * Compiles a rule statement, binding the lookups its functions may call.
   *
   * @throws SqlParseException when the statement is invalid for {@code version}, or calls a
   *     function whose reader {@code lookups} lacks
   */
  public static CompiledRule compile(String sql, SqlVersion version, Lookups lookups) {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(lookups, "lookups");
    var statement = StatementParser.parse(sql, version);
    RuleProgram program = RuleProgram.compile(statement, new RuleEnv(version, lookups));
    return new CompiledRule(sql, version, statement.topicFilter(), program);
  }
}
