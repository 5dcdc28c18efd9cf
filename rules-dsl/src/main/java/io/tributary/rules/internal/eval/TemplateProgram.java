package io.tributary.rules.internal.eval;

import io.tributary.rules.MessageContext;
import io.tributary.rules.internal.value.Conversions;
import io.tributary.rules.internal.value.Value;
import java.util.List;

/**
 * A compiled substitution template: literal text interleaved with expression evaluators.
 * Rendering evaluates every expression against the original message; Strings are inserted raw,
 * other values by their String conversion, Undefined and Null as nothing.
 */
public final class TemplateProgram {

  /** One piece: literal text, or an expression when {@code expression} is non-null. */
  public record Part(String text, Evaluator expression) {}

  private final List<Part> parts;
  private final RuleEnv env;
  private final RuleProgram rule;

  /**
   * @param rule the rule whose SET variables the template may read, or null
   */
  public TemplateProgram(List<Part> parts, RuleEnv env, RuleProgram rule) {
    this.parts = List.copyOf(parts);
    this.env = env;
    this.rule = rule;
  }

  public boolean isConstant() {
    return parts.stream().allMatch(p -> p.expression() == null);
  }

  /**
   * Renders the template.
   *
   * @param variables SET variables already computed for this message, or null to compute them
   */
  public String render(MessageContext ctx, Value[] variables) {
    if (isConstant()) {
      StringBuilder sb = new StringBuilder();
      parts.forEach(p -> sb.append(p.text()));
      return sb.toString();
    }
    Frame f;
    if (rule == null) {
      f = Frame.top(ctx, env, 0);
    } else if (variables != null) {
      f = Frame.top(ctx, env, rule.variables().size());
      f.loadVariables(variables);
    } else {
      f = rule.frame(ctx);
    }
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (p.expression() == null) {
        sb.append(p.text());
      } else {
        String s = Conversions.toStr(p.expression().eval(f));
        if (s != null) {
          sb.append(s);
        }
      }
    }
    return sb.toString();
  }
}
