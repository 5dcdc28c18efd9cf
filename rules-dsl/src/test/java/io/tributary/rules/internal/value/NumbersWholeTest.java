package io.tributary.rules.internal.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** isWhole's bit test never changes the answer of stripping trailing zeros. */
class NumbersWholeTest {

  @Test
  void agreesWithStripTrailingZeros() {
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 50_000; i++) {
      BigInteger unscaled = new BigInteger(1 + r.nextInt(130), new java.util.Random(r.nextLong()));
      if (r.nextBoolean()) {
        unscaled = unscaled.multiply(BigInteger.TEN.pow(r.nextInt(8)));
      }
      if (r.nextBoolean()) {
        unscaled = unscaled.negate();
      }
      BigDecimal d = new BigDecimal(unscaled, r.nextInt(-5, 12));
      boolean expected = d.scale() <= 0 || d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
      assertThat(Numbers.isWhole(d)).as("%s", d).isEqualTo(expected);
    }
  }
}
