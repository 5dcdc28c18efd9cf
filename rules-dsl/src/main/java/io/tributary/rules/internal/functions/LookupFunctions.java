package io.tributary.rules.internal.functions;

import static io.tributary.rules.internal.functions.Args.UNDEFINED;
import static io.tributary.rules.internal.functions.FunctionTable.add;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.rules.internal.eval.Frame;
import io.tributary.rules.internal.value.Conversions;
import io.tributary.rules.internal.value.JsonNodes;
import io.tributary.rules.internal.value.Value;
import java.util.Optional;

/**
 * get_thing_shadow(thing [, shadowName], roleArn) and get_registry_data(api, thing, roleArn),
 * answered by the readers bound at compile time. The roleArn is accepted and ignored. The
 * compiler refuses these calls when the rule's {@code Lookups} lack the reader.
 */
final class LookupFunctions {

  private LookupFunctions() {}

  static void register() {
    add(FunctionTable.GET_THING_SHADOW, 2, 3, true, LookupFunctions::shadow);
    add(FunctionTable.GET_REGISTRY_DATA, 3, 3, true, LookupFunctions::registry);
  }

  private static Value shadow(Frame f, Value[] a) {
    String thing = Conversions.toStr(a[0]);
    String shadowName = a.length == 3 ? Conversions.toStr(a[1]) : null;
    if (thing == null || (a.length == 3 && shadowName == null)) {
      return UNDEFINED;
    }
    return f.env().lookups().shadowReader()
        .map(r -> toValue(r.read(thing, shadowName), f))
        .orElse(UNDEFINED);
  }

  private static Value registry(Frame f, Value[] a) {
    String api = Conversions.toStr(a[0]);
    String thing = Conversions.toStr(a[1]);
    if (api == null || thing == null) {
      return UNDEFINED;
    }
    return f.env().lookups().registryReader()
        .map(r -> toValue(r.read(api, thing), f))
        .orElse(UNDEFINED);
  }

  private static Value toValue(Optional<JsonNode> node, Frame f) {
    return node.map(n -> JsonNodes.toValue(n, f.env().wholeAsInt())).orElse(UNDEFINED);
  }
}
