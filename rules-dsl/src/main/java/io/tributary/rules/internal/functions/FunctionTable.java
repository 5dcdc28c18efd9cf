package io.tributary.rules.internal.functions;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Every built-in function, by lower-case name. */
public final class FunctionTable {

  /** Functions that only make sense against AWS services; refused at compile time. */
  public static final Set<String> AWS_ONLY =
      Set.of("aws_lambda", "get_dynamodb", "get_secret", "machinelearning_predict");

  /** Functions that read Tributary state through a reader in {@code Lookups}. */
  public static final String GET_THING_SHADOW = "get_thing_shadow";
  public static final String GET_REGISTRY_DATA = "get_registry_data";

  private static final Map<String, FunctionSpec> FUNCTIONS = new HashMap<>();

  static {
    MathFunctions.register();
    BitFunctions.register();
    StringFunctions.register();
    RegexFunctions.register();
    HashFunctions.register();
    CollectionFunctions.register();
    EncodingFunctions.register();
    TimeFunctions.register();
    ContextFunctions.register();
    LookupFunctions.register();
  }

  private FunctionTable() {}

  /** The function named {@code lowerName}, or null. */
  public static FunctionSpec find(String lowerName) {
    return FUNCTIONS.get(lowerName);
  }

  static void add(String name, int minArgs, int maxArgs, boolean since2016, Fn fn) {
    FUNCTIONS.put(name, new FunctionSpec(name, minArgs, maxArgs, since2016, fn));
  }

  static void add(String name, int args, Fn fn) {
    add(name, args, args, false, fn);
  }

  static void add2016(String name, int args, Fn fn) {
    add(name, args, args, true, fn);
  }
}
