/** Tokenizer for AWS IoT SQL; every token carries its line and column for error messages. */
package io.tributary.rules.internal.lexer;
