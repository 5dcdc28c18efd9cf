package io.tributary.core.topic;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Subscription index: topic filter to values (typically subscriber sessions), matched against
 * published topic names.
 *
 * <p>One node per filter level; literal levels are found by hash, {@code '+'} and {@code '#'} are
 * dedicated edges. At each node it reaches, matching follows at most three edges ({@code '#'},
 * {@code '+'} and the literal level), so its cost grows with the number of topic levels and of
 * matching subscriptions, not with the number of subscriptions. Matching allocates nothing: levels
 * are walked by index, looked up by region of the topic string, and pending branches kept on a
 * reused explicit stack (so filters with thousands of levels cannot overflow the thread stack).
 * Removing the last value under a filter prunes the nodes that no longer lead anywhere.
 *
 * <p>Not thread-safe and lock-free by design: a trie is owned by one thread (one event loop).
 */
public final class SubscriptionTrie<V> {

  private final MatchMode mode;
  private final TrieNode<V> root = new TrieNode<>(null, "");
  private int size;

  /** Pending matches of {@link #forEachMatch}: node and start of the topic level below it. */
  private TrieNode<V>[] stackNodes = newStack(16);
  private int[] stackStarts = new int[16];
  private int depth;

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

  /** Whether {@code value} is subscribed under exactly {@code filter}. */
  public boolean contains(String filter, V value) {
    TrieNode<V> node = find(filter);
    return node != null && value != null && node.containsValue(value);
  }

  /**
   * Calls {@code visitor} once per (filter, value) pair whose filter matches {@code topic}, in no
   * particular order. The visitor must not add or remove subscriptions of this trie; it may run
   * another match.
   */
  public void forEachMatch(String topic, BiConsumer<String, V> visitor) {
    if (size == 0) {
      return;
    }
    boolean reserved = !topic.isEmpty() && topic.charAt(0) == '$';
    int length = topic.length();
    int base = depth;
    push(root, 0);
    while (depth > base) {
      depth--;
      TrieNode<V> node = stackNodes[depth];
      int start = stackStarts[depth];
      stackNodes[depth] = null;
      int end = levelEnd(topic, start);
      boolean last = end == length;
      if (start > 0 || !reserved) {
        if (node.hash != null) {
          node.hash.forEachValue(visitor);
        }
        if (node.plus != null) {
          step(node.plus, end, last, visitor);
        }
      }
      TrieNode<V> literal = node.children.get(topic, start, end);
      if (literal != null) {
        step(literal, end, last, visitor);
      }
    }
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
    int count = 0;
    ArrayDeque<TrieNode<V>> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      TrieNode<V> node = pending.pop();
      count++;
      if (node.plus != null) {
        pending.push(node.plus);
      }
      if (node.hash != null) {
        pending.push(node.hash);
      }
      node.children.forEach(pending::push);
    }
    return count - 1;
  }

  /** Continues a match through {@code node}, which consumed the topic level ending at {@code end}. */
  private void step(TrieNode<V> node, int end, boolean last, BiConsumer<String, V> visitor) {
    if (!last) {
      push(node, end + 1);
      return;
    }
    node.forEachValue(visitor);
    if (mode == MatchMode.MQTT && node.hash != null) {
      node.hash.forEachValue(visitor); // "a/#" matches its parent "a"
    }
  }

  /**
   * Pushes a pending match: the topic level at {@code start} is to be matched below {@code node}.
   * An explicit stack, reused across calls, keeps deep filters from overflowing the thread stack
   * and matching from allocating.
   */
  private void push(TrieNode<V> node, int start) {
    if (depth == stackNodes.length) {
      stackNodes = Arrays.copyOf(stackNodes, depth * 2);
      stackStarts = Arrays.copyOf(stackStarts, depth * 2);
    }
    stackNodes[depth] = node;
    stackStarts[depth] = start;
    depth++;
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

  @SuppressWarnings("unchecked")
  private static <V> TrieNode<V>[] newStack(int capacity) {
    return (TrieNode<V>[]) new TrieNode<?>[capacity];
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
}
