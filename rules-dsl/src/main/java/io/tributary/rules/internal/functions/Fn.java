package io.tributary.rules.internal.functions;

import io.tributary.rules.internal.eval.Frame;
import io.tributary.rules.internal.value.Value;

/** The body of a built-in function: evaluated arguments in, value out. Thread-safe. */
@FunctionalInterface
public interface Fn {

  Value apply(Frame frame, Value[] args);
}
