package io.tributary.rules.internal.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Decimals kept as doubles behave exactly like the eagerly converted {@code BigDecimal.valueOf}:
 * same value, ordering, equality and whole-number normalisation.
 */
class DoubleDecimalTest {

  private static List<Double> doubles() {
    List<Double> out = new ArrayList<>(List.of(0.1, -0.1, 0.5, 52.52, 13.405, 3.92, 1e-3, 0.00099,
        9_999_999.5, 1e7 + 0.5, 1.5e-5, -2.5, 4503599627370495.5, -4503599627370495.5, 1.0, 34.0,
        -0.0, 0.0, 1e20, 9.223372036854776E18, Math.nextDown(5.0), Math.nextUp(5.0),
        Double.MIN_VALUE, Math.nextDown(1e7), 36.903999599999999));
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      double d = switch (i % 4) {
        case 0 -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-12, 18));
        case 1 -> Math.round(r.nextDouble() * 100_000) / 100.0 - 500;
        case 2 -> Double.longBitsToDouble(r.nextLong());
        default -> r.nextInt(-1000, 1000) + (r.nextBoolean() ? 0.5 : 0.25);
      };
      if (Double.isFinite(d)) {
        out.add(d);
      }
    }
    return out;
  }

  @Test
  void lazyValueIsBigDecimalValueOf() {
    for (double d : doubles()) {
      DecimalValue v = DecimalValue.ofDouble(d);
      BigDecimal eager = BigDecimal.valueOf(d);
      assertThat(v.value()).isEqualTo(eager);
      assertThat(v).isEqualTo(new DecimalValue(eager)).hasSameHashCodeAs(new DecimalValue(eager));
      Value normalized = Numbers.normalize(DecimalValue.ofDouble(d));
      Value eagerNormalized = Numbers.normalize(new DecimalValue(eager));
      assertThat(normalized).as("%s", d).isEqualTo(eagerNormalized);
    }
  }

  @Test
  void orderingAndEqualityMatchDecimals() {
    List<Double> ds = doubles();
    SplittableRandom r = new SplittableRandom(7);
    long[] ints = {0, 1, -1, 5, 25, 1L << 53, -(1L << 53), (1L << 53) + 1, Long.MIN_VALUE,
        Long.MAX_VALUE, 4503599627370495L, 4503599627370496L};
    for (int i = 0; i < ds.size(); i++) {
      double x = ds.get(i);
      double y = r.nextInt(4) == 0 ? x : ds.get(r.nextInt(ds.size()));
      check(DecimalValue.ofDouble(x), DecimalValue.ofDouble(y));
      long n = r.nextBoolean() ? ints[r.nextInt(ints.length)] : (long) Math.floor(x);
      check(DecimalValue.ofDouble(x), IntValue.of(n));
      check(IntValue.of(n), DecimalValue.ofDouble(x));
    }
  }

  private static void check(Value a, Value b) {
    int expected = Conversions.toDecimal(a).compareTo(Conversions.toDecimal(b));
    int fast = Numbers.compareExactly(a, b);
    if (fast != Numbers.UNDECIDED) {
      assertThat(fast).as("%s vs %s", a, b).isEqualTo(expected);
    }
    assertThat(Equality.same(a, b)).as("%s = %s", a, b).isEqualTo(expected == 0);
  }
}
