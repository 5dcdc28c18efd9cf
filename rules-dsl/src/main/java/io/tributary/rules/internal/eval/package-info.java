/**
 * The compiler from syntax tree to {@link io.tributary.rules.internal.eval.Evaluator} closures,
 * the operators, and the runtime frame. Start at
 * {@link io.tributary.rules.internal.eval.RuleProgram#compile}.
 */
package io.tributary.rules.internal.eval;
