package io.tributary.rules.internal.eval;

import io.tributary.rules.MessageContext;
import java.util.function.Function;

/**
 * Gives the evaluator the per-message {@link PayloadCache} of a {@link MessageContext} without
 * putting it on the public API. {@code MessageContext} installs the accessor when its class
 * initialises, which happens before any instance can reach this class.
 */
public final class ContextAccess {

  private static volatile Function<MessageContext, PayloadCache> accessor;

  private ContextAccess() {}

  public static void install(Function<MessageContext, PayloadCache> a) {
    accessor = a;
  }

  static PayloadCache cache(MessageContext ctx) {
    return accessor.apply(ctx);
  }
}
