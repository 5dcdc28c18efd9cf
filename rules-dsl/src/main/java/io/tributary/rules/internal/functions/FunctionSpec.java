package io.tributary.rules.internal.functions;

/**
 * A built-in function: its lower-case name, accepted argument counts, the first SQL version that
 * has it, and its body. A call with another number of arguments evaluates to Undefined.
 */
public record FunctionSpec(String name, int minArgs, int maxArgs, boolean since2016, Fn fn) {

  public boolean accepts(int argCount) {
    return argCount >= minArgs && argCount <= maxArgs;
  }
}
