package io.tributary.core.topic;

import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Subscription index: topic filter to values (typically subscriber sessions), matched against
 * published topic names.
 *
 * <p>One node per filter level; literal levels are found by hash, {@code '+'} and {@code '#'} are
 * dedicated edges. Matching a topic visits at most three edges per topic level, so its cost grows
 * with the number of levels and of matching subscriptions, not with the number of subscriptions.
 * Matching allocates nothing: levels are walked by index and looked up by region of the topic.
 * Removing the last value under a filter prunes the nodes that no longer lead anywhere.
 *
 * <p>Not thread-safe and lock-free by design: a trie is owned by one thread (one event loop).
 */
public final class SubscriptionTrie<V> {

  private final MatchMode mode;
  private final TrieNode<V> root = new TrieNode<>(null, "");
  private int size;

  public SubscriptionTrie(MatchMode mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  public MatchMode mode() {
    return mode;
  }

  /**
   * Adds {@code value} under a plain filter; callers strip {@code $share/{group}/} first.
   *
   * @return true if the (filter, value) pair was not present (values are compared by {@code
   *     equals})
   * @throws IllegalArgumentException if {@code filter} is not a valid plain filter
   */
  public boolean add(String filter, V value) {
    Objects.requireNonNull(value, "value");
    checkPlainFilter(filter);
    TrieNode<V> node = root;
    int start = 0;
    int len = filter.length();
    while (true) {
      int end = levelEnd(filter, start);
      node = childFor(node, filter, start, end);
      if (end == len) {
        break;
      }
      start = end + 1;
    }
    if (!node.addValue(value)) {
      return false;
    }
    if (node.filter == null) {
      node.filter = filter;
    }
    size++;
    return true;
  }

  /** Removes {@code value} from under {@code filter}; returns true if it was present. */
  public boolean remove(String filter, V value) {
    TrieNode<V> node = find(filter);
    if (node == null || value == null || !node.removeValue(value)) {
      return false;
    }
    size--;
    prune(node);
    return true;
  }

  /**
   * Calls {@code visitor} once per (filter, value) pair whose filter matches {@code topic}, in no
   * particular order. The visitor must not modify this trie.
   */
  public void forEachMatch(String topic, BiConsumer<String, V> visitor) {
    if (size == 0) {
      return;
    }
    boolean reserved = !topic.isEmpty() && topic.charAt(0) == '$';
    match(root, topic, 0, reserved, visitor);
  }

  /** Number of (filter, value) pairs. */
  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Number of nodes below the root; for tests of pruning. */
  int nodeCount() {
    return countBelow(root);
  }

  /**
   * Matches the level of {@code topic} starting at {@code start} against the children of {@code
   * node}. {@code skipWildcards} is set at the first level of a {@code '$'} topic.
   */
  private void match(
      TrieNode<V> node, String topic, int start, boolean skipWildcards, BiConsumer<String, V> v) {
    int end = levelEnd(topic, start);
    boolean last = end == topic.length();
    if (!skipWildcards) {
      if (node.hash != null) {
        node.hash.forEachValue(v);
      }
      if (node.plus != null) {
        step(node.plus, topic, end, last, v);
      }
    }
    TrieNode<V> literal = node.children.get(topic, start, end);
    if (literal != null) {
      step(literal, topic, end, last, v);
    }
  }

  private void step(TrieNode<V> node, String topic, int end, boolean last, BiConsumer<String, V> v) {
    if (!last) {
      match(node, topic, end + 1, false, v);
      return;
    }
    node.forEachValue(v);
    if (mode == MatchMode.MQTT && node.hash != null) {
      node.hash.forEachValue(v); // "a/#" matches its parent "a"
    }
  }

  private TrieNode<V> childFor(TrieNode<V> node, String filter, int start, int end) {
    if (end - start == 1) {
      char c = filter.charAt(start);
      if (c == '+') {
        if (node.plus == null) {
          node.plus = new TrieNode<>(node, "+");
        }
        return node.plus;
      }
      if (c == '#') {
        if (node.hash == null) {
          node.hash = new TrieNode<>(node, "#");
        }
        return node.hash;
      }
    }
    TrieNode<V> child = node.children.get(filter, start, end);
    if (child == null) {
      child = new TrieNode<>(node, filter.substring(start, end));
      node.children.put(child);
    }
    return child;
  }

  private TrieNode<V> find(String filter) {
    TrieNode<V> node = root;
    int start = 0;
    int len = filter.length();
    while (node != null) {
      int end = levelEnd(filter, start);
      node = existingChild(node, filter, start, end);
      if (end >= len) {
        return node;
      }
      start = end + 1;
    }
    return null;
  }

  private static <V> TrieNode<V> existingChild(TrieNode<V> node, String s, int start, int end) {
    if (end - start == 1) {
      char c = s.charAt(start);
      if (c == '+') {
        return node.plus;
      }
      if (c == '#') {
        return node.hash;
      }
    }
    return node.children.get(s, start, end);
  }

  private void prune(TrieNode<V> node) {
    while (node != root && node.isEmpty()) {
      TrieNode<V> parent = node.parent;
      if (parent.plus == node) {
        parent.plus = null;
      } else if (parent.hash == node) {
        parent.hash = null;
      } else {
        parent.children.remove(node);
      }
      node = parent;
    }
  }

  private static int levelEnd(String s, int start) {
    int slash = s.indexOf('/', start);
    return slash < 0 ? s.length() : slash;
  }

  private static void checkPlainFilter(String filter) {
    TopicError error = Topics.validateFilter(filter, TopicLimits.unlimited());
    if (error != null) {
      throw new IllegalArgumentException("invalid topic filter '" + filter + "': " + error.message());
    }
    if (filter.startsWith(SharedFilter.PREFIX)) {
      throw new IllegalArgumentException(
          "shared subscription must be stripped before indexing: " + filter);
    }
  }

  private static <V> int countBelow(TrieNode<V> node) {
    int[] total = {0};
    if (node.plus != null) {
      total[0] += 1 + countBelow(node.plus);
    }
    if (node.hash != null) {
      total[0] += 1 + countBelow(node.hash);
    }
    node.children.forEach(child -> total[0] += 1 + countBelow(child));
    return total[0];
  }
}
