package io.tributary.rules.internal.eval;

import io.tributary.rules.MessageContext;
import io.tributary.rules.internal.ast.Statement;
import io.tributary.rules.internal.value.BoolValue;
import io.tributary.rules.internal.value.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * A compiled statement: SET evaluators, the WHERE evaluator and the SELECT evaluator, run in the
 * documented order (SET, WHERE, SELECT). Immutable and thread-safe.
 */
public final class RuleProgram {

  /** The result of a message that passed WHERE: the SELECT value and the SET variables. */
  public record Outcome(Value output, Value[] variables, boolean valueForm) {}

  private final RuleEnv env;
  private final Map<String, Integer> variables;
  private final Evaluator[] setters;
  private final Evaluator where;
  private final Evaluator select;
  private final boolean valueForm;

  private RuleProgram(RuleEnv env, Map<String, Integer> variables, Evaluator[] setters,
      Evaluator where, Evaluator select, boolean valueForm) {
    this.env = env;
    this.variables = variables;
    this.setters = setters;
    this.where = where;
    this.select = select;
    this.valueForm = valueForm;
  }

  /** Compiles a parsed statement; throws a positioned SqlParseException on semantic errors. */
  public static RuleProgram compile(Statement st, RuleEnv env) {
    Map<String, Integer> visible = new HashMap<>();
    Evaluator[] setters = new Evaluator[st.assignments().size()];
    for (int i = 0; i < setters.length; i++) {
      Statement.Assignment a = st.assignments().get(i);
      setters[i] = new ExprCompiler(env, Map.copyOf(visible)).compile(a.value());
      visible.put(a.name(), i);
    }
    Map<String, Integer> all = Map.copyOf(visible);
    ExprCompiler exprs = new ExprCompiler(env, all);
    Evaluator where = st.where() == null ? null : exprs.compile(st.where());
    Evaluator select = new SelectCompiler(exprs).compile(st.select());
    return new RuleProgram(env, all, setters, where, select, st.select().isValue());
  }

  public RuleEnv env() {
    return env;
  }

  /** Variable names and slots, for templates compiled against this rule. */
  public Map<String, Integer> variables() {
    return variables;
  }

  /** Runs the rule on a message; null when WHERE is not exactly true. */
  public Outcome run(MessageContext ctx) {
    Frame f = frame(ctx);
    if (where != null && where.eval(f) != BoolValue.TRUE) {
      return null;
    }
    return new Outcome(select.eval(f), f.variables(), valueForm);
  }

  /** A top frame for {@code ctx} with the SET variables evaluated. */
  public Frame frame(MessageContext ctx) {
    Frame f = Frame.top(ctx, env, setters.length);
    for (int i = 0; i < setters.length; i++) {
      f.setVariable(i, setters[i].eval(f));
    }
    return f;
  }
}
