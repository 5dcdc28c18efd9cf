package io.tributary.rules.internal.ast;

import java.util.List;

/**
 * A SELECT list: either {@code VALUE expr} ({@code value} non-null, {@code items} empty) or a
 * list of items.
 */
public record Select(Pos pos, Expr value, List<SelectItem> items) {

  public boolean isValue() {
    return value != null;
  }
}
