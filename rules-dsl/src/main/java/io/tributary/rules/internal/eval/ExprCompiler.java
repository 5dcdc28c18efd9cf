package io.tributary.rules.internal.eval;

import io.tributary.rules.SqlParseException;
import io.tributary.rules.internal.ast.BinaryOp;
import io.tributary.rules.internal.ast.Expr;
import io.tributary.rules.internal.ast.Pos;
import io.tributary.rules.internal.value.ArrayValue;
import io.tributary.rules.internal.value.BoolValue;
import io.tributary.rules.internal.value.Casts;
import io.tributary.rules.internal.value.Equality;
import io.tributary.rules.internal.value.FieldMap;
import io.tributary.rules.internal.value.Numbers;
import io.tributary.rules.internal.value.ObjectValue;
import io.tributary.rules.internal.value.UndefinedValue;
import io.tributary.rules.internal.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns syntax-tree expressions into {@link Evaluator} closures, once per rule. Each node kind
 * becomes one small closure over its children's evaluators; nothing walks the tree per message.
 * Under 2016-03-23 numeric results pass through the whole-number rule.
 */
public final class ExprCompiler {

  private final RuleEnv env;
  private final Map<String, Integer> variables;
  private final CallCompiler calls;

  /**
   * @param variables SET variable names visible to the expressions, with their slot index
   */
  public ExprCompiler(RuleEnv env, Map<String, Integer> variables) {
    this.env = env;
    this.variables = variables;
    this.calls = new CallCompiler(this, env);
  }

  RuleEnv env() {
    return env;
  }

  public Evaluator compile(Expr e) {
    if (e instanceof Expr.Literal l) {
      Value v = normalized(l.value());
      return f -> v;
    }
    if (e instanceof Expr.Field fld) {
      String name = fld.name();
      return f -> f.field(name);
    }
    if (e instanceof Expr.Star) {
      return Frame::row;
    }
    if (e instanceof Expr.Variable v) {
      return variable(v);
    }
    if (e instanceof Expr.Member m) {
      return member(m);
    }
    if (e instanceof Expr.Negate n) {
      Evaluator operand = compile(n.operand());
      return normalizing(f -> Arithmetic.negate(operand.eval(f)));
    }
    if (e instanceof Expr.Not n) {
      Evaluator operand = compile(n.operand());
      return f -> Logic.not(operand.eval(f));
    }
    if (e instanceof Expr.Binary b) {
      return binary(b);
    }
    if (e instanceof Expr.Call c) {
      return calls.compile(c);
    }
    if (e instanceof Expr.Cast c) {
      Evaluator operand = compile(c.operand());
      var type = c.type();
      return normalizing(f -> Casts.cast(operand.eval(f), type));
    }
    if (e instanceof Expr.Case c) {
      return caseOf(c);
    }
    if (e instanceof Expr.NestedSelect n) {
      return new NestedSelectEvaluator(compile(n.source()),
          n.filter() == null ? null : compile(n.filter()),
          new SelectCompiler(this).compile(n.select()), n.select().isValue());
    }
    if (e instanceof Expr.ObjectLiteral o) {
      return objectLiteral(o);
    }
    return arrayLiteral((Expr.ArrayLiteral) e);
  }

  Value normalized(Value v) {
    return env.wholeAsInt() ? Numbers.normalize(v) : v;
  }

  Evaluator normalizing(Evaluator e) {
    return env.wholeAsInt() ? f -> Numbers.normalize(e.eval(f)) : e;
  }

  static SqlParseException error(Pos p, String detail) {
    return new SqlParseException(p.line(), p.column(), p.token(), detail);
  }

  private Evaluator variable(Expr.Variable v) {
    Integer index = variables.get(v.name());
    if (index == null) {
      throw error(v.pos(), "Unknown variable '@" + v.name() + "'");
    }
    int i = index;
    return f -> f.variable(i);
  }

  private Evaluator member(Expr.Member m) {
    Evaluator target = compile(m.target());
    String name = m.name();
    return f -> target.eval(f) instanceof ObjectValue o ? o.get(name) : UndefinedValue.INSTANCE;
  }

  private Evaluator binary(Expr.Binary b) {
    Evaluator l = compile(b.left());
    Evaluator r = compile(b.right());
    BinaryOp op = b.op();
    return switch (op) {
      case AND -> f -> Logic.and(l.eval(f), r.eval(f));
      case OR -> f -> Logic.or(l.eval(f), r.eval(f));
      case EQ, NE, LT, LE, GT, GE -> f -> Comparison.apply(op, l.eval(f), r.eval(f));
      default -> normalizing(f -> Arithmetic.apply(op, l.eval(f), r.eval(f)));
    };
  }

  private Evaluator caseOf(Expr.Case c) {
    Evaluator subject = compile(c.subject());
    Evaluator[] whens = c.whens().stream().map(this::compile).toArray(Evaluator[]::new);
    Evaluator[] thens = c.thens().stream().map(this::compile).toArray(Evaluator[]::new);
    Evaluator otherwise = c.otherwise() == null ? null : compile(c.otherwise());
    return f -> {
      Value s = subject.eval(f);
      if (s.isUndefined()) {
        return s;
      }
      for (int i = 0; i < whens.length; i++) {
        if (Equality.equalsOp(s, whens[i].eval(f)) == BoolValue.TRUE) {
          return thens[i].eval(f);
        }
      }
      return otherwise == null ? UndefinedValue.INSTANCE : otherwise.eval(f);
    };
  }

  private Evaluator objectLiteral(Expr.ObjectLiteral o) {
    List<String> keys = o.keys();
    Evaluator[] values = o.values().stream().map(this::compile).toArray(Evaluator[]::new);
    return f -> {
      FieldMap fields = new FieldMap(values.length);
      for (int i = 0; i < values.length; i++) {
        Value v = values[i].eval(f);
        if (!v.isUndefined()) {
          fields.add(keys.get(i), v);
        }
      }
      return new ObjectValue(fields);
    };
  }

  private Evaluator arrayLiteral(Expr.ArrayLiteral a) {
    Evaluator[] items = a.items().stream().map(this::compile).toArray(Evaluator[]::new);
    return f -> {
      List<Value> out = new ArrayList<>(items.length);
      for (Evaluator item : items) {
        out.add(item.eval(f));
      }
      return new ArrayValue(out);
    };
  }
}
