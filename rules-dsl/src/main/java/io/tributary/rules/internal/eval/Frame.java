package io.tributary.rules.internal.eval;

import io.tributary.rules.MessageContext;
import io.tributary.rules.internal.value.ObjectValue;
import io.tributary.rules.internal.value.UndefinedValue;
import io.tributary.rules.internal.value.Value;

/**
 * The scope an expression evaluates in: the message, the current row ({@code *}: the payload at
 * the top, an element inside a nested SELECT), the enclosing frame and the SET variables.
 */
public final class Frame {

  private final MessageContext ctx;
  private final PayloadCache cache;
  private final RuleEnv env;
  private final Value row;
  private final Frame outer;
  private final Value[] vars;

  private Frame(MessageContext ctx, PayloadCache cache, RuleEnv env, Value row, Frame outer,
      Value[] vars) {
    this.ctx = ctx;
    this.cache = cache;
    this.env = env;
    this.row = row;
    this.outer = outer;
    this.vars = vars;
  }

  /** The top frame of a message: the row is the (lazily parsed, shared) payload. */
  public static Frame top(MessageContext ctx, RuleEnv env, int varCount) {
    PayloadCache cache = ContextAccess.cache(ctx);
    Value payload = cache.payload(ctx.payload(), env.wholeAsInt());
    return new Frame(ctx, cache, env, payload, null, new Value[varCount]);
  }

  /** A frame for one element of a nested SELECT. */
  public Frame child(Value element) {
    return new Frame(ctx, cache, env, element, this, vars);
  }

  public MessageContext ctx() {
    return ctx;
  }

  public RuleEnv env() {
    return env;
  }

  public Value row() {
    return row;
  }

  public boolean isTop() {
    return outer == null;
  }

  public long timestamp() {
    return cache.timestamp(ctx.clock());
  }

  /** A key of the row; when missing, the enclosing row's key of the same name. */
  public Value field(String name) {
    for (Frame f = this; f != null; f = f.outer) {
      if (f.row instanceof ObjectValue o) {
        Value v = o.get(name);
        if (!v.isUndefined()) {
          return v;
        }
      }
    }
    return UndefinedValue.INSTANCE;
  }

  public Value variable(int index) {
    Value v = vars[index];
    return v == null ? UndefinedValue.INSTANCE : v;
  }

  public void setVariable(int index, Value v) {
    vars[index] = v;
  }

  /** The SET variables evaluated so far (shared, do not modify). */
  public Value[] variables() {
    return vars;
  }

  /** Replaces the variables with values computed by an earlier evaluation of the same message. */
  public void loadVariables(Value[] values) {
    System.arraycopy(values, 0, vars, 0, Math.min(values.length, vars.length));
  }
}
