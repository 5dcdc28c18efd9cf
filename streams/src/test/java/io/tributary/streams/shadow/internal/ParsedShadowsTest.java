package io.tributary.streams.shadow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.shadow.ShadowId;
import io.tributary.shadow.StoredShadow;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class ParsedShadowsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ShadowId LAMP = ShadowId.classic("lamp");

  private final Map<String, byte[]> data = new HashMap<>();
  private final KeyValueStore<String, byte[]> store = store(data);

  @SuppressWarnings("unchecked")
  private static KeyValueStore<String, byte[]> store(Map<String, byte[]> data) {
    return (KeyValueStore<String, byte[]>) Proxy.newProxyInstance(ParsedShadowsTest.class.getClassLoader(),
        new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> switch (method.getName()) {
          case "get" -> data.get((String) args[0]);
          case "put" -> data.put((String) args[0], (byte[]) args[1]);
          case "delete" -> data.remove((String) args[0]);
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private static StoredShadow shadow(String reported, long version) throws Exception {
    return StoredShadow.of((ObjectNode) MAPPER.readTree("{\"reported\":" + reported + "}"),
        (ObjectNode) MAPPER.readTree("{\"reported\":{}}"), version);
  }

  @Test
  void servesWhatItWroteWithoutParsing() throws Exception {
    ParsedShadows shadows = new ParsedShadows(1 << 20);
    shadows.open(store);
    StoredShadow one = shadow("{\"on\":true}", 1);
    shadows.put(LAMP, one);
    assertSame(one, shadows.read(LAMP).orElseThrow());
    assertEquals(1, shadows.hits());
    assertEquals(0, shadows.misses());
  }

  @Test
  void alwaysReturnsWhatTheStoreHolds() throws Exception {
    ParsedShadows shadows = new ParsedShadows(1 << 20);
    shadows.open(store);
    shadows.put(LAMP, shadow("{\"on\":true}", 1));
    // The store changes behind the cache (an aborted transaction, a task restored from its changelog).
    StoredShadow other = shadow("{\"on\":false}", 7);
    data.put(ShadowKeys.of(LAMP), other.toBytes());
    assertEquals(Optional.of(other), shadows.read(LAMP));
    data.remove(ShadowKeys.of(LAMP));
    assertEquals(Optional.empty(), shadows.read(LAMP));
    // Equal bytes in a new array (read back from RocksDB rather than the record cache) still hit.
    StoredShadow back = shadow("{\"on\":null}", 9);
    shadows.put(LAMP, back);
    data.put(ShadowKeys.of(LAMP), back.toBytes());
    assertSame(back, shadows.read(LAMP).orElseThrow());
  }

  @Test
  void startsOverWhenOpenedAgainAndStaysWithinItsBound() throws Exception {
    ParsedShadows shadows = new ParsedShadows(200);
    shadows.open(store);
    for (int i = 0; i < 20; i++) {
      shadows.put(ShadowId.classic("t" + i), shadow("{\"n\":" + i + "}", 1));
    }
    assertTrue(shadows.size() < 20, "bounded: " + shadows.size());
    StoredShadow kept = shadows.read(ShadowId.classic("t19")).orElseThrow();
    shadows.open(store);
    assertEquals(0, shadows.size());
    StoredShadow reread = shadows.read(ShadowId.classic("t19")).orElseThrow();
    assertNotSame(kept, reread);
    assertEquals(kept, reread);
  }
}
