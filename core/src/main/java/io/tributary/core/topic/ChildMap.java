package io.tributary.core.topic;

import java.util.function.Consumer;

/**
 * The literal children of a trie node, keyed by level text: an open-addressing hash table that is
 * looked up by a region of the topic string, so matching never creates substrings.
 *
 * <p>Linear probing with backward-shift deletion (no tombstones), so churn never degrades it; the
 * table grows at half load and shrinks when it falls under an eighth.
 */
final class ChildMap<V> {

  private static final int MIN_CAPACITY = 4;

  private TrieNode<V>[] table;
  private int size;

  int size() {
    return size;
  }

  /** The child whose level equals {@code s[from, to)}, or null. */
  TrieNode<V> get(String s, int from, int to) {
    TrieNode<V>[] tab = table;
    if (tab == null) {
      return null;
    }
    int hash = hash(s, from, to);
    int mask = tab.length - 1;
    int length = to - from;
    for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
      TrieNode<V> node = tab[i];
      if (node == null) {
        return null;
      }
      if (node.levelHash == hash
          && node.level.length() == length
          && node.level.regionMatches(0, s, from, length)) {
        return node;
      }
    }
  }

  /** Adds a child whose level is not yet present. */
  void put(TrieNode<V> child) {
    if (table == null) {
      table = newTable(MIN_CAPACITY);
    } else if ((size + 1) * 2 > table.length) {
      resize(table.length * 2);
    }
    insert(table, child);
    size++;
  }

  /** Removes a child that is present. */
  void remove(TrieNode<V> child) {
    TrieNode<V>[] tab = table;
    int mask = tab.length - 1;
    int i = spread(child.levelHash) & mask;
    while (tab[i] != child) {
      i = (i + 1) & mask;
    }
    // backward-shift: move later entries of the probe run into the hole when that is legal
    int hole = i;
    for (int j = (hole + 1) & mask; tab[j] != null; j = (j + 1) & mask) {
      int home = spread(tab[j].levelHash) & mask;
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        tab[hole] = tab[j];
        hole = j;
      }
    }
    tab[hole] = null;
    size--;
    if (size == 0) {
      table = null;
    } else if (tab.length > MIN_CAPACITY && size * 8 < tab.length) {
      resize(tab.length / 2);
    }
  }

  /** Calls {@code action} for every child; for diagnostics, not the hot path. */
  void forEach(Consumer<TrieNode<V>> action) {
    if (table != null) {
      for (TrieNode<V> node : table) {
        if (node != null) {
          action.accept(node);
        }
      }
    }
  }

  /** Hash of {@code s[from, to)}, equal to {@code s.substring(from, to).hashCode()}. */
  static int hash(String s, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + s.charAt(i);
    }
    return h;
  }

  private static int spread(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }

  private void resize(int capacity) {
    TrieNode<V>[] fresh = newTable(capacity);
    for (TrieNode<V> node : table) {
      if (node != null) {
        insert(fresh, node);
      }
    }
    table = fresh;
  }

  private static <V> void insert(TrieNode<V>[] tab, TrieNode<V> node) {
    int mask = tab.length - 1;
    int i = spread(node.levelHash) & mask;
    while (tab[i] != null) {
      i = (i + 1) & mask;
    }
    tab[i] = node;
  }

  @SuppressWarnings("unchecked")
  private static <V> TrieNode<V>[] newTable(int capacity) {
    return (TrieNode<V>[]) new TrieNode<?>[capacity];
  }
}
