package io.tributary.rules.internal.ast;

import java.util.List;

/**
 * One item of a SELECT list. A bare {@code *} has {@code expr} set to a {@link Expr.Star} and no
 * alias; {@code alias} is the dotted path after AS, empty when there is none.
 */
public record SelectItem(Expr expr, List<String> alias) {

  public boolean isBareStar() {
    return expr instanceof Expr.Star && alias.isEmpty();
  }
}
