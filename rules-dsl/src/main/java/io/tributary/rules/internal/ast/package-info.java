/**
 * The syntax tree of AWS IoT SQL, produced by the parser and consumed once by the compiler.
 * Start at {@link io.tributary.rules.internal.ast.Statement}.
 */
package io.tributary.rules.internal.ast;
