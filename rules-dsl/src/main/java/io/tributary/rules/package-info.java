/**
 * AWS IoT SQL for Tributary's rules engine: pure logic, no I/O.
 *
 * <p>Start at {@link io.tributary.rules.RuleSql#compile}, which turns a statement and its
 * {@link io.tributary.rules.SqlVersion} into a {@link io.tributary.rules.CompiledRule}; evaluate
 * it against a {@link io.tributary.rules.MessageContext} to get the outgoing
 * {@link io.tributary.rules.RuleOutput}, and compile action parameters with
 * {@link io.tributary.rules.CompiledRule#template}. Invalid statements raise a positioned
 * {@link io.tributary.rules.SqlParseException}. Everything under {@code internal} is
 * implementation.
 */
package io.tributary.rules;
