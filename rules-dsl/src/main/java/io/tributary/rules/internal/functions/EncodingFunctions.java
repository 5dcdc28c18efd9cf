package io.tributary.rules.internal.functions;

import static io.tributary.rules.internal.functions.Args.UNDEFINED;
import static io.tributary.rules.internal.functions.FunctionTable.add2016;

import io.tributary.rules.internal.value.BinaryValue;
import io.tributary.rules.internal.value.Conversions;
import io.tributary.rules.internal.value.JsonValues;
import io.tributary.rules.internal.value.NullValue;
import io.tributary.rules.internal.value.StringValue;
import io.tributary.rules.internal.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * encode(v, 'base64') and decode(v, 'base64'). {@code encode(*, ...)} encodes the raw payload
 * bytes (the compiler passes them as a Binary value); other values encode their String
 * conversion. decode returns the parsed JSON when the decoded text is JSON, else the text, and
 * Null when the input is not base64.
 */
final class EncodingFunctions {

  private EncodingFunctions() {}

  static void register() {
    add2016("encode", 2, (f, a) -> isBase64(a[1]) ? encode(a[0]) : UNDEFINED);
    add2016("decode", 2, (f, a) -> isBase64(a[1]) ? decode(a[0], f.env().wholeAsInt()) : UNDEFINED);
  }

  private static boolean isBase64(Value scheme) {
    return scheme instanceof StringValue s && s.value().equalsIgnoreCase("base64");
  }

  private static Value encode(Value v) {
    byte[] bytes;
    if (v instanceof BinaryValue b) {
      bytes = b.bytes();
    } else {
      String s = Conversions.toStr(v);
      if (s == null) {
        return UNDEFINED;
      }
      bytes = s.getBytes(StandardCharsets.UTF_8);
    }
    return new StringValue(Base64.getEncoder().encodeToString(bytes));
  }

  private static Value decode(Value v, boolean wholeAsInt) {
    String s = Conversions.toStr(v);
    if (s == null) {
      return UNDEFINED;
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(s.trim());
    } catch (IllegalArgumentException notBase64) {
      return NullValue.INSTANCE;
    }
    Value json = JsonValues.parse(bytes, wholeAsInt);
    return json != null ? json : new StringValue(new String(bytes, StandardCharsets.UTF_8));
  }
}
