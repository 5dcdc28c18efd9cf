package io.tributary.rules.internal.eval;

import io.tributary.rules.internal.ast.Expr;
import io.tributary.rules.internal.functions.Fn;
import io.tributary.rules.internal.functions.FunctionSpec;
import io.tributary.rules.internal.functions.FunctionTable;
import io.tributary.rules.internal.value.BinaryValue;
import io.tributary.rules.internal.value.StringValue;
import io.tributary.rules.internal.value.UndefinedValue;
import io.tributary.rules.internal.value.Value;

/**
 * Resolves a function call at compile time: unknown functions, functions newer than the rule's
 * SQL version, AWS-service functions and lookups without a reader are refused with a positioned
 * error. A call with the wrong number of arguments compiles to Undefined, as AWS documents.
 */
final class CallCompiler {

  private static final Value[] NO_ARGS = new Value[0];

  private final ExprCompiler exprs;
  private final RuleEnv env;

  CallCompiler(ExprCompiler exprs, RuleEnv env) {
    this.exprs = exprs;
    this.env = env;
  }

  Evaluator compile(Expr.Call c) {
    String name = c.name();
    if (FunctionTable.AWS_ONLY.contains(name)) {
      throw ExprCompiler.error(c.pos(), "Function '" + c.pos().token()
          + "' calls an AWS service and is not supported by this rules engine");
    }
    FunctionSpec spec = FunctionTable.find(name);
    if (spec == null) {
      throw ExprCompiler.error(c.pos(), "Unknown function '" + c.pos().token() + "'");
    }
    if (spec.since2016() && !env.version().atLeast2016()) {
      throw ExprCompiler.error(c.pos(), "Function '" + c.pos().token()
          + "' requires SQL version 2016-03-23");
    }
    checkLookups(c);
    Evaluator[] args = new Evaluator[c.args().size()];
    for (int i = 0; i < args.length; i++) {
      Expr arg = c.args().get(i);
      boolean rawPayload = i == 0 && name.equals("encode") && arg instanceof Expr.Star;
      args[i] = rawPayload ? CallCompiler::rawRow : exprs.compile(arg);
    }
    if (!spec.accepts(args.length)) {
      return f -> UndefinedValue.INSTANCE;
    }
    return exprs.normalizing(invoke(spec.fn(), args));
  }

  private void checkLookups(Expr.Call c) {
    String name = c.name();
    if (name.equals(FunctionTable.GET_THING_SHADOW) && env.lookups().shadowReader().isEmpty()) {
      throw ExprCompiler.error(c.pos(), "Function '" + c.pos().token()
          + "' needs a shadow reader and none is configured for this rules engine");
    }
    if (name.equals(FunctionTable.GET_REGISTRY_DATA) && env.lookups().registryReader().isEmpty()) {
      throw ExprCompiler.error(c.pos(), "Function '" + c.pos().token()
          + "' needs a registry reader and none is configured for this rules engine");
    }
    if (name.equals("decode") && c.args().size() > 2
        && c.args().get(1) instanceof Expr.Literal l && l.value() instanceof StringValue s
        && s.value().equalsIgnoreCase("proto")) {
      throw ExprCompiler.error(c.args().get(1).pos(), "decode(..., 'proto', ...) reads Protobuf"
          + " descriptors from Amazon S3 and is not supported by this rules engine");
    }
  }

  /** {@code *} as the first argument of encode: the raw payload bytes at the top level. */
  private static Value rawRow(Frame f) {
    return f.isTop() ? new BinaryValue(f.ctx().payload()) : f.row();
  }

  private static Evaluator invoke(Fn fn, Evaluator[] args) {
    switch (args.length) {
      case 0:
        return f -> fn.apply(f, NO_ARGS);
      case 1: {
        Evaluator a = args[0];
        return f -> fn.apply(f, new Value[] {a.eval(f)});
      }
      case 2: {
        Evaluator a = args[0];
        Evaluator b = args[1];
        return f -> fn.apply(f, new Value[] {a.eval(f), b.eval(f)});
      }
      default:
        return f -> {
          Value[] values = new Value[args.length];
          for (int i = 0; i < args.length; i++) {
            values[i] = args[i].eval(f);
          }
          return fn.apply(f, values);
        };
    }
  }
}
