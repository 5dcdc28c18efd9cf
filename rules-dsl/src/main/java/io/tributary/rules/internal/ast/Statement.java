package io.tributary.rules.internal.ast;

import java.util.List;

/**
 * A whole rule statement: {@code [SET ...] SELECT ... [FROM 'filter'] [WHERE ...]}.
 *
 * @param topicFilter the FROM topic filter, or null when the statement has no FROM
 * @param where the WHERE condition, or null
 */
public record Statement(List<Assignment> assignments, Select select, String topicFilter, Expr where) {

  /** {@code @name = expr} of a SET clause. */
  public record Assignment(Pos pos, String name, Expr value) {}
}
