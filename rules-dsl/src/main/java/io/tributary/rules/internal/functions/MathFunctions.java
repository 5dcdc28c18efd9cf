package io.tributary.rules.internal.functions;

import static io.tributary.rules.internal.functions.Args.UNDEFINED;
import static io.tributary.rules.internal.functions.FunctionTable.add;

import io.tributary.rules.internal.ast.BinaryOp;
import io.tributary.rules.internal.eval.Arithmetic;
import io.tributary.rules.internal.value.Conversions;
import io.tributary.rules.internal.value.DecimalValue;
import io.tributary.rules.internal.value.IntValue;
import io.tributary.rules.internal.value.Numbers;
import io.tributary.rules.internal.value.StringValue;
import io.tributary.rules.internal.value.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.ThreadLocalRandom;

/** Math functions: abs, trigonometry, exp/ln/log, power, sqrt, rounding, sign, trunc, mod, nanvl. */
final class MathFunctions {

  private MathFunctions() {}

  static void register() {
    add("abs", 1, (f, a) -> abs(a[0]));
    add("acos", 1, Args.dbl(Math::acos));
    add("asin", 1, Args.dbl(Math::asin));
    add("atan", 1, Args.dbl(Math::atan));
    add("cos", 1, Args.dbl(Math::cos));
    add("sin", 1, Args.dbl(Math::sin));
    add("tan", 1, Args.dbl(Math::tan));
    add("cosh", 1, Args.dbl(Math::cosh));
    add("sinh", 1, Args.dbl(Math::sinh));
    add("tanh", 1, Args.dbl(Math::tanh));
    add("exp", 1, Args.dbl(Math::exp));
    add("ln", 1, Args.dbl(Math::log));
    add("log", 1, Args.dbl(Math::log10));
    add("sqrt", 1, Args.dbl(Math::sqrt));
    add("atan2", 2, (f, a) -> twoDoubles(a, Math::atan2));
    add("power", 2, (f, a) -> twoDoubles(a, Math::pow));
    add("ceil", 1, (f, a) -> rounded(a[0], RoundingMode.CEILING));
    add("floor", 1, (f, a) -> rounded(a[0], RoundingMode.FLOOR));
    add("round", 1, (f, a) -> rounded(a[0], RoundingMode.HALF_UP));
    add("sign", 1, (f, a) -> sign(a[0]));
    add("trunc", 2, (f, a) -> trunc(a[0], a[1]));
    add("mod", 2, (f, a) -> Arithmetic.apply(BinaryOp.MOD, a[0], a[1]));
    add("remainder", 2, (f, a) -> Arithmetic.apply(BinaryOp.MOD, a[0], a[1]));
    add("nanvl", 2, (f, a) -> nanvl(a[0], a[1]));
    add("rand", 0, (f, a) -> Numbers.ofDouble(ThreadLocalRandom.current().nextDouble()));
  }

  private static Value abs(Value v) {
    if (v instanceof IntValue i && i.value() != Long.MIN_VALUE) {
      return IntValue.of(Math.abs(i.value()));
    }
    BigDecimal d = Conversions.toDecimal(v);
    return d == null ? UNDEFINED : new DecimalValue(d.abs());
  }

  private static Value twoDoubles(Value[] a, java.util.function.DoubleBinaryOperator op) {
    BigDecimal x = Conversions.toDecimal(a[0]);
    BigDecimal y = Conversions.toDecimal(a[1]);
    if (x == null || y == null) {
      return UNDEFINED;
    }
    return Numbers.ofDouble(op.applyAsDouble(x.doubleValue(), y.doubleValue()));
  }

  private static Value rounded(Value v, RoundingMode mode) {
    if (v instanceof IntValue) {
      return v;
    }
    BigDecimal d = Conversions.toDecimal(v);
    return d == null ? UNDEFINED : Numbers.toIntValue(d, mode);
  }

  private static Value sign(Value v) {
    BigDecimal d = Conversions.toDecimal(v);
    return d == null ? UNDEFINED : IntValue.of(d.signum());
  }

  private static Value trunc(Value v, Value places) {
    BigDecimal d = Conversions.toDecimal(v);
    Integer n = Conversions.toJavaInt(places, RoundingMode.FLOOR);
    if (d == null || n == null) {
      return UNDEFINED;
    }
    BigDecimal r = d.setScale(Math.max(0, Math.min(34, n)), RoundingMode.DOWN).stripTrailingZeros();
    if (r.scale() <= 0) {
      return Numbers.toIntValue(r, RoundingMode.DOWN);
    }
    return new DecimalValue(r);
  }

  private static Value nanvl(Value v, Value fallback) {
    if (Args.absent(v) || (v instanceof StringValue s && s.value().equals("NaN"))) {
      return fallback;
    }
    return v;
  }
}
