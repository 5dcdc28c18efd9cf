package io.tributary.rules.internal.ast;

/** Binary operators, with their source spelling. */
public enum BinaryOp {
  OR("OR"), AND("AND"),
  EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">="),
  ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%");

  private final String symbol;

  BinaryOp(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
