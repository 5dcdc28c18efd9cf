package io.tributary.core.topic;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One level of a {@link SubscriptionTrie}: literal children, the {@code '+'} and {@code '#'}
 * children, and the values subscribed with the filter that ends here.
 *
 * <p>Values live in a compact array (iterated without allocation); once a node holds more than
 * {@link #INDEX_THRESHOLD} values an index by {@code equals} makes add and remove
 * constant time, so thousands of subscribers of one filter stay cheap.
 */
final class TrieNode<V> {

  static final int INDEX_THRESHOLD = 8;

  final TrieNode<V> parent;
  /** Level text; {@code "+"} or {@code "#"} for wildcard children, {@code ""} for the root. */
  final String level;

  final int levelHash;
  final ChildMap<V> children = new ChildMap<>();
  TrieNode<V> plus;
  TrieNode<V> hash;

  /** The filter that ends at this node, as first added; null when no value is held. */
  String filter;

  private Object[] values;
  private int count;
  private Map<Object, Integer> index;

  TrieNode(TrieNode<V> parent, String level) {
    this.parent = parent;
    this.level = level;
    this.levelHash = level.hashCode();
  }

  boolean addValue(V value) {
    if (indexOf(value) >= 0) {
      return false;
    }
    if (values == null) {
      values = new Object[2];
    } else if (count == values.length) {
      Object[] grown = new Object[count * 2];
      System.arraycopy(values, 0, grown, 0, count);
      values = grown;
    }
    values[count] = value;
    if (index != null) {
      index.put(value, count);
    } else if (count + 1 > INDEX_THRESHOLD) {
      index = new HashMap<>();
      for (int i = 0; i <= count; i++) {
        index.put(values[i], i);
      }
    }
    count++;
    return true;
  }

  boolean removeValue(V value) {
    int i = indexOf(value);
    if (i < 0) {
      return false;
    }
    int last = --count;
    if (index != null) {
      index.remove(value);
    }
    if (i != last) {
      values[i] = values[last];
      if (index != null) {
        index.put(values[i], i);
      }
    }
    values[last] = null;
    if (count == 0) {
      values = null;
      index = null;
      filter = null;
      return true;
    }
    if (index != null && count <= INDEX_THRESHOLD / 2) {
      index = null;
    }
    if (values.length > 8 && count * 4 < values.length) {
      Object[] shrunk = new Object[values.length / 2];
      System.arraycopy(values, 0, shrunk, 0, count);
      values = shrunk;
    }
    return true;
  }

  boolean containsValue(V value) {
    return indexOf(value) >= 0;
  }

  @SuppressWarnings("unchecked")
  void forEachValue(BiConsumer<String, V> visitor) {
    Object[] vs = values;
    for (int i = 0, n = count; i < n; i++) {
      visitor.accept(filter, (V) vs[i]);
    }
  }

  /** Whether this node holds nothing and leads nowhere, so it can be pruned. */
  boolean isEmpty() {
    return count == 0 && plus == null && hash == null && children.size() == 0;
  }

  private int indexOf(Object value) {
    if (index != null) {
      Integer i = index.get(value);
      return i == null ? -1 : i;
    }
    for (int i = 0; i < count; i++) {
      if (values[i].equals(value)) {
        return i;
      }
    }
    return -1;
  }
}
