package io.tributary.rules.internal.ast;

import io.tributary.rules.internal.value.CastType;
import io.tributary.rules.internal.value.Value;
import java.util.List;

/** Expression nodes of the syntax tree. Every node knows where it starts. */
public sealed interface Expr {

  Pos pos();

  /** A literal value: number, string, true, false or null. */
  record Literal(Pos pos, Value value) implements Expr {}

  /** A bare identifier: a key of the current row. */
  record Field(Pos pos, String name) implements Expr {}

  /** {@code *}: the current row (the payload, or the element in a nested SELECT). */
  record Star(Pos pos) implements Expr {}

  /** {@code @name}: a SET variable. */
  record Variable(Pos pos, String name) implements Expr {}

  /** {@code target.name}. */
  record Member(Pos pos, Expr target, String name) implements Expr {}

  /** Unary minus. */
  record Negate(Pos pos, Expr operand) implements Expr {}

  /** {@code NOT operand}. */
  record Not(Pos pos, Expr operand) implements Expr {}

  /** A binary operator. */
  record Binary(Pos pos, BinaryOp op, Expr left, Expr right) implements Expr {}

  /** A function call; {@code name} is lower-cased. */
  record Call(Pos pos, String name, List<Expr> args) implements Expr {}

  /** {@code cast(operand AS type)}. */
  record Cast(Pos pos, Expr operand, CastType type, Pos typePos) implements Expr {}

  /** {@code CASE subject WHEN w THEN t ... [ELSE e] END}; {@code otherwise} may be null. */
  record Case(Pos pos, Expr subject, List<Expr> whens, List<Expr> thens, Expr otherwise)
      implements Expr {}

  /** {@code (SELECT ... FROM source [WHERE filter])}; {@code filter} may be null. */
  record NestedSelect(Pos pos, Select select, Expr source, Expr filter) implements Expr {}

  /** {@code {'k': v, ...}}. */
  record ObjectLiteral(Pos pos, List<String> keys, List<Expr> values) implements Expr {}

  /** {@code [a, b, ...]}. */
  record ArrayLiteral(Pos pos, List<Expr> items) implements Expr {}
}
