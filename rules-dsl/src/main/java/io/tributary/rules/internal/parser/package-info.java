/**
 * Recursive-descent parser from AWS IoT SQL text to the syntax tree, with positioned errors.
 * Start at {@link io.tributary.rules.internal.parser.StatementParser}.
 */
package io.tributary.rules.internal.parser;
