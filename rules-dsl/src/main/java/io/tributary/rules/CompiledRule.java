package io.tributary.rules;

import io.tributary.rules.internal.eval.RuleProgram;
import io.tributary.rules.internal.eval.TemplateParser;
import io.tributary.rules.internal.value.BinaryValue;
import io.tributary.rules.internal.value.JsonValues;
import io.tributary.rules.internal.value.Value;
import java.util.Optional;

/**
 * A rule statement compiled once into evaluators. {@link #evaluate} runs SET, WHERE and SELECT
 * against one message; it is thread-safe and allocates only what the output needs.
 */
public final class CompiledRule {

  private static final byte[] EMPTY = new byte[0];

  private final String sql;
  private final SqlVersion version;
  private final String topicFilter;
  private final RuleProgram program;

  CompiledRule(String sql, SqlVersion version, String topicFilter, RuleProgram program) {
    this.sql = sql;
    this.version = version;
    this.topicFilter = topicFilter;
    this.program = program;
  }

  public String sql() {
    return sql;
  }

  public SqlVersion version() {
    return version;
  }

  /**
   * The FROM topic filter (quotes removed), for indexing rules by filter; empty for a statement
   * without FROM (a rule used only through Basic Ingest).
   */
  public Optional<String> topicFilter() {
    return Optional.ofNullable(topicFilter);
  }

  /**
   * Evaluates the rule on a message. Empty when WHERE is not exactly {@code true}; otherwise the
   * SELECT result as the outgoing payload. The caller decides whether the message's topic matches
   * {@link #topicFilter()}.
   */
  public Optional<RuleOutput> evaluate(MessageContext message) {
    RuleProgram.Outcome outcome = program.run(message);
    if (outcome == null) {
      return Optional.empty();
    }
    Value out = outcome.output();
    Object vars = outcome.variables().clone();
    if (out instanceof BinaryValue b) {
      return Optional.of(new RuleOutput(b.bytes(), false, vars));
    }
    if (out.isUndefined()) {
      return Optional.of(new RuleOutput(EMPTY, false, vars));
    }
    return Optional.of(new RuleOutput(JsonValues.toJsonBytes(out, version.atLeast2016()), true, vars));
  }

  /**
   * Compiles a substitution template for one of this rule's actions: {@code ${expr}} parts see
   * the original message, this rule's SQL version and lookups, and its SET variables.
   *
   * @throws SqlParseException when an expression in the template is invalid
   */
  public Template template(String text) {
    return new Template(text, TemplateParser.compile(text, program.env(), program));
  }

  @Override
  public String toString() {
    return "CompiledRule[" + version.id() + "] " + sql;
  }
}
