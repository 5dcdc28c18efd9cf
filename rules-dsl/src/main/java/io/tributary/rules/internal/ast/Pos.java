package io.tributary.rules.internal.ast;

/** Where a node starts: 1-based line and column, and the text of its first token. */
public record Pos(int line, int column, String token) {}
