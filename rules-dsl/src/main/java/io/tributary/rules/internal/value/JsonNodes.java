package io.tributary.rules.internal.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jackson trees (as handed in by shadow and registry readers) to {@link Value}. */
public final class JsonNodes {

  private JsonNodes() {}

  public static Value toValue(JsonNode n, boolean wholeAsInt) {
    if (n == null || n.isMissingNode()) {
      return UndefinedValue.INSTANCE;
    }
    JsonNodeType type = n.getNodeType();
    switch (type) {
      case OBJECT: {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          fields.put(e.getKey(), toValue(e.getValue(), wholeAsInt));
        }
        return new ObjectValue(fields);
      }
      case ARRAY: {
        List<Value> items = new ArrayList<>(n.size());
        n.forEach(item -> items.add(toValue(item, wholeAsInt)));
        return new ArrayValue(items);
      }
      case STRING:
        return new StringValue(n.textValue());
      case BOOLEAN:
        return BoolValue.of(n.booleanValue());
      case NUMBER:
        return number(n, wholeAsInt);
      case BINARY:
        return new BinaryValue(binary(n));
      default:
        return NullValue.INSTANCE;
    }
  }

  private static Value number(JsonNode n, boolean wholeAsInt) {
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? IntValue.of(n.longValue()) : Numbers.ofInteger(n.bigIntegerValue());
    }
    BigDecimal d = n.isBigDecimal() ? n.decimalValue() : BigDecimal.valueOf(n.doubleValue());
    Value v = new DecimalValue(d);
    return wholeAsInt ? Numbers.normalize(v) : v;
  }

  private static byte[] binary(JsonNode n) {
    try {
      return n.binaryValue();
    } catch (java.io.IOException e) {
      return new byte[0];
    }
  }
}
