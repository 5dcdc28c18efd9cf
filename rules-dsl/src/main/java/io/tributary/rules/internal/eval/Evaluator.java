package io.tributary.rules.internal.eval;

import io.tributary.rules.internal.value.Value;

/** A compiled expression: evaluates against one frame. Stateless and thread-safe. */
@FunctionalInterface
public interface Evaluator {

  Value eval(Frame frame);
}
