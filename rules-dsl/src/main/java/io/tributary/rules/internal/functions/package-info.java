/**
 * The built-in functions of AWS IoT SQL, one class per family, registered in
 * {@link io.tributary.rules.internal.functions.FunctionTable}.
 */
package io.tributary.rules.internal.functions;
