package io.tributary.rules.internal.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FieldMap behaves as a LinkedHashMap built with put, for small and indexed sizes. */
class FieldMapTest {

  @Test
  void matchesLinkedHashMapPutSemantics() {
    SplittableRandom r = new SplittableRandom(3);
    for (int round = 0; round < 300; round++) {
      int keySpace = 1 + r.nextInt(60);
      int puts = r.nextInt(120);
      FieldMap m = new FieldMap(1 + r.nextInt(4));
      Map<String, Value> expected = new LinkedHashMap<>();
      for (int i = 0; i < puts; i++) {
        String k = "k" + r.nextInt(keySpace);
        Value v = IntValue.of(r.nextInt(1000));
        m.add(new String(k), v); // distinct String instances, as from different sources
        expected.put(k, v);
      }
      assertThat(m).isEqualTo(expected).hasSameHashCodeAs(expected);
      assertThat(new ArrayList<>(m.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
      assertThat(List.copyOf(m.values())).isEqualTo(List.copyOf(expected.values()));
      for (int k = 0; k < keySpace + 3; k++) {
        assertThat(m.find("k" + k)).isEqualTo(expected.get("k" + k));
        assertThat(m.containsKey("k" + k)).isEqualTo(expected.containsKey("k" + k));
      }
      assertThat(FieldMap.copyOf(expected)).isEqualTo(m);
      assertThat(new ObjectValue(m)).isEqualTo(new ObjectValue(new LinkedHashMap<>(expected)));
    }
  }

  @Test
  void isReadOnlyThroughTheMapInterface() {
    FieldMap m = new FieldMap();
    m.add("a", IntValue.of(1));
    assertThatThrownBy(() -> m.put("b", IntValue.of(2))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.entrySet().iterator().next().setValue(IntValue.of(3)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(m::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThat(m.get(1)).isNull();
  }
}
