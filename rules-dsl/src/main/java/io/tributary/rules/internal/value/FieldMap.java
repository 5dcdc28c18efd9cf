package io.tributary.rules.internal.value;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of an Object: an insertion-ordered String-keyed map in parallel arrays, cheaper to
 * build and read than a {@code LinkedHashMap} for the small objects of device payloads. Small maps
 * are searched linearly by cached hash; from {@value #INDEX_FROM} entries an open-addressing index
 * is kept. {@link #add} has {@code LinkedHashMap.put} semantics (a repeated key keeps its first
 * position and takes the new value); it is only for building, before the map is handed to an
 * {@link ObjectValue}, after which the map is read-only ({@code Map} mutators throw).
 */
public final class FieldMap extends AbstractMap<String, Value> {

  private static final int INDEX_FROM = 16;

  private String[] keys;
  private int[] hashes;
  private Value[] values;
  private int size;
  /** Slots hold entry index + 1, 0 when free; null below INDEX_FROM entries. */
  private int[] index;

  public FieldMap() {
    this(8);
  }

  public FieldMap(int expected) {
    int n = Math.max(expected, 2);
    keys = new String[n];
    hashes = new int[n];
    values = new Value[n];
  }

  /** A copy of {@code fields} in its iteration order, to build on. */
  public static FieldMap copyOf(Map<String, Value> fields) {
    FieldMap m = new FieldMap(fields.size() + 2);
    m.addAll(fields);
    return m;
  }

  /** Puts {@code key}: a new key goes last, an existing one keeps its place. */
  public void add(String key, Value value) {
    int h = key.hashCode();
    int i = find(key, h);
    if (i >= 0) {
      values[i] = value;
      return;
    }
    if (size == keys.length) {
      int n = size * 2;
      keys = Arrays.copyOf(keys, n);
      hashes = Arrays.copyOf(hashes, n);
      values = Arrays.copyOf(values, n);
    }
    keys[size] = key;
    hashes[size] = h;
    values[size] = value;
    size++;
    if (index != null) {
      if (size * 2 > index.length) {
        rebuildIndex();
      } else {
        insertIndex(size - 1);
      }
    } else if (size >= INDEX_FROM) {
      rebuildIndex();
    }
  }

  /** {@link #add} of every entry of {@code fields}, in its order. */
  public void addAll(Map<String, Value> fields) {
    if (fields instanceof FieldMap m) {
      for (int i = 0; i < m.size; i++) {
        add(m.keys[i], m.values[i]);
      }
    } else {
      for (Map.Entry<String, Value> e : fields.entrySet()) {
        add(e.getKey(), e.getValue());
      }
    }
  }

  /** The value of {@code key}, or null. */
  public Value find(String key) {
    int i = find(key, key.hashCode());
    return i < 0 ? null : values[i];
  }

  public String keyAt(int i) {
    return keys[i];
  }

  public Value valueAt(int i) {
    return values[i];
  }

  private int find(String key, int h) {
    if (index == null) {
      for (int i = 0; i < size; i++) {
        if (hashes[i] == h && key.equals(keys[i])) {
          return i;
        }
      }
      return -1;
    }
    int mask = index.length - 1;
    for (int s = spread(h) & mask; ; s = (s + 1) & mask) {
      int e = index[s];
      if (e == 0) {
        return -1;
      }
      if (hashes[e - 1] == h && key.equals(keys[e - 1])) {
        return e - 1;
      }
    }
  }

  private void rebuildIndex() {
    index = new int[Integer.highestOneBit(Math.max(size, 8) * 4 - 1)];
    for (int i = 0; i < size; i++) {
      insertIndex(i);
    }
  }

  private void insertIndex(int i) {
    int mask = index.length - 1;
    int s = spread(hashes[i]) & mask;
    while (index[s] != 0) {
      s = (s + 1) & mask;
    }
    index[s] = i + 1;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Value get(Object key) {
    return key instanceof String s ? find(s) : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public Set<Map.Entry<String, Value>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Map.Entry<String, Value>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, Value> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
          }
        };
      }
    };
  }
}
