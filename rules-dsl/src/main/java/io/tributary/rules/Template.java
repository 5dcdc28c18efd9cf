package io.tributary.rules;

import io.tributary.rules.internal.eval.RuleEnv;
import io.tributary.rules.internal.eval.TemplateParser;
import io.tributary.rules.internal.eval.TemplateProgram;
import io.tributary.rules.internal.value.Value;
import java.util.Objects;

/**
 * A substitution template such as {@code "alerts/${topic(2)}/${upper(color)}"}, compiled once and
 * rendered per message. Expressions are full SQL expressions evaluated against the original
 * message (SELECT aliases are not visible); Strings are inserted raw, numbers and Booleans by
 * their String conversion, Objects and Arrays as compact JSON, Undefined and Null as nothing.
 * Only {@code ${} is special; a republish action's {@code $$} escape is the action's concern.
 */
public final class Template {

  private final String text;
  private final TemplateProgram program;

  Template(String text, TemplateProgram program) {
    this.text = text;
    this.program = program;
  }

  /**
   * Compiles a template outside any rule (no SET variables, no lookups).
   *
   * @throws SqlParseException when an expression is invalid; positions are within {@code text}
   */
  public static Template compile(String text, SqlVersion version) {
    return compile(text, version, Lookups.none());
  }

  /** Compiles a template outside any rule, with lookups. */
  public static Template compile(String text, SqlVersion version, Lookups lookups) {
    Objects.requireNonNull(text, "text");
    return new Template(text, TemplateParser.compile(text, new RuleEnv(version, lookups), null));
  }

  /** The template text as written. */
  public String text() {
    return text;
  }

  /** True when the template has no {@code ${...}} part. */
  public boolean isConstant() {
    return program.isConstant();
  }

  /** Renders against a message; SET variables, if referenced, are computed for it. */
  public String render(MessageContext message) {
    return program.render(message, null);
  }

  /** Renders against a message, reusing the SET variables of the rule's output for it. */
  public String render(MessageContext message, RuleOutput output) {
    return program.render(message, (Value[]) output.variables());
  }

  @Override
  public String toString() {
    return text;
  }
}
