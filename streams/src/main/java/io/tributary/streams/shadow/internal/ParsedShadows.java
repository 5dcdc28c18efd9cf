package io.tributary.streams.shadow.internal;

import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowNames;
import io.tributary.shadow.StoredShadow;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The shadow store of one task, with the parsed form of recently used shadows kept so that a thing
 * updated again is not parsed again.
 *
 * <p>The store stays the truth: every read asks the store, and a kept shadow is returned only when
 * the bytes the store returns are the very bytes it was parsed from (or written as), compared by
 * identity and then by content. So whatever happens to the store behind this cache (a transaction
 * aborted, a task revived and restored from its changelog), a read returns what the store holds.
 * The cache is also dropped whenever the processor is initialised or closed. Bounded by the total
 * size of the kept JSON, least recently used first out.
 */
final class ParsedShadows {
  /** A kept shadow and the store bytes it is the parsed form of. */
  private record Entry(byte[] bytes, StoredShadow shadow) {}

  private final long maxBytes;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;
  private KeyValueStore<String, byte[]> store;
  private long hits;
  private long misses;

  ParsedShadows(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Starts over on {@code store} (a task's processor being initialised). */
  void open(KeyValueStore<String, byte[]> value) {
    clear();
    this.store = value;
  }

  /** Forgets every kept shadow. */
  void clear() {
    entries.clear();
    bytes = 0;
  }

  /** What is stored for {@code shadow}; nothing for invalid names, which the service rejects anyway. */
  Optional<StoredShadow> read(ShadowId shadow) {
    if (!ShadowNames.isValidThingName(shadow.thingName())
        || !shadow.isClassic() && !ShadowNames.isValidShadowName(shadow.shadowName())) {
      return Optional.empty();
    }
    String key = ShadowKeys.of(shadow);
    byte[] stored = store.get(key);
    if (stored == null) {
      forget(key);
      return Optional.empty();
    }
    Entry kept = entries.get(key);
    if (kept != null && (kept.bytes == stored || Arrays.equals(kept.bytes, stored))) {
      hits++;
      return Optional.of(kept.shadow);
    }
    misses++;
    StoredShadow parsed = StoredShadow.fromBytes(stored);
    keep(key, stored, parsed);
    return Optional.of(parsed);
  }

  /** Writes {@code shadow} to the store, and keeps it. */
  void put(ShadowId shadow, StoredShadow value) {
    String key = ShadowKeys.of(shadow);
    byte[] written = value.toBytes();
    store.put(key, written);
    keep(key, written, value);
  }

  /** Removes {@code shadow} from the store. */
  void delete(ShadowId shadow) {
    String key = ShadowKeys.of(shadow);
    store.delete(key);
    forget(key);
  }

  /** Reads served from kept shadows and reads that parsed, since the start. */
  long hits() {
    return hits;
  }

  long misses() {
    return misses;
  }

  int size() {
    return entries.size();
  }

  private void keep(String key, byte[] json, StoredShadow shadow) {
    Entry old = entries.put(key, new Entry(json, shadow));
    bytes += json.length - (old == null ? 0 : old.bytes.length);
    Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      Map.Entry<String, Entry> e = eldest.next();
      bytes -= e.getValue().bytes.length;
      eldest.remove();
    }
  }

  private void forget(String key) {
    Entry old = entries.remove(key);
    if (old != null) {
      bytes -= old.bytes.length;
    }
  }
}
