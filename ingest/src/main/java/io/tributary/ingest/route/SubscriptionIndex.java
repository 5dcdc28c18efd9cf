package io.tributary.ingest.route;

import io.tributary.core.envelope.Envelope;
import io.tributary.core.topic.MatchMode;
import io.tributary.core.topic.SharedFilter;
import io.tributary.core.topic.SubscriptionTrie;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * This node's subscriptions: a topic trie of plain subscriptions and shared groups, plus each
 * subscriber's own filters for removal. Single-threaded: owned by the feed thread.
 */
final class SubscriptionIndex {
  private final SubscriptionTrie<Target> trie;
  private final Map<Subscriber, Map<String, Target.Plain>> bySubscriber = new IdentityHashMap<>();
  private final Map<String, SharedGroup> groups = new HashMap<>();
  private final Map<String, List<String>> clusterMembers = new HashMap<>();
  private final ArrayList<Target> targets = new ArrayList<>();
  private final ArrayList<Target.Plain> hits = new ArrayList<>();
  /** Counts changes: every subscription and group remembers the generation it was last changed in. */
  private long generation;

  SubscriptionIndex(MatchMode mode) {
    this.trie = new SubscriptionTrie<>(mode);
  }

  /** Incremented by every change; see {@link #deliver}. */
  long generation() {
    return generation;
  }

  void subscribe(Subscriber s, String filter, SubscriptionOptions options) {
    generation++;
    Map<String, Target.Plain> own = bySubscriber.computeIfAbsent(s, k -> new HashMap<>());
    Target.Plain existing = own.get(filter);
    if (existing != null) {
      existing.options = options; // MQTT: a repeated SUBSCRIBE replaces the options
      existing.generation = generation;
      return;
    }
    Target.Plain plain = new Target.Plain(s, filter, options);
    plain.generation = generation;
    own.put(filter, plain);
    SharedFilter shared = SharedFilter.parse(filter);
    if (shared == null) {
      trie.add(filter, plain);
    } else {
      SharedGroup group = groups.computeIfAbsent(filter, k -> {
        SharedGroup g = new SharedGroup(shared.group(), shared.filter());
        g.clusterMembers = clusterMembers.getOrDefault(filter, List.of());
        trie.add(shared.filter(), g);
        return g;
      });
      group.members.add(plain);
      group.generation = generation;
    }
  }

  void unsubscribe(Subscriber s, String filter) {
    generation++;
    Map<String, Target.Plain> own = bySubscriber.get(s);
    if (own == null) {
      return;
    }
    Target.Plain plain = own.remove(filter);
    if (own.isEmpty()) {
      bySubscriber.remove(s);
    }
    if (plain == null) {
      return;
    }
    SharedFilter shared = SharedFilter.parse(filter);
    if (shared == null) {
      trie.remove(filter, plain);
    } else {
      SharedGroup group = groups.get(filter);
      if (group != null) {
        group.members.remove(plain);
        group.generation = generation;
        if (group.members.isEmpty()) {
          groups.remove(filter);
          trie.remove(shared.filter(), group);
        }
      }
    }
  }

  void removeAll(Subscriber s) {
    Map<String, Target.Plain> own = bySubscriber.get(s);
    if (own == null) {
      return;
    }
    for (String filter : new ArrayList<>(own.keySet())) {
      unsubscribe(s, filter);
    }
  }

  /** Replaces the cluster-wide members of shared filter {@code sharedFilter} ({@code $share/g/f}). */
  void clusterMembers(String sharedFilter, List<String> sortedClientIds) {
    generation++;
    clusterMembers.put(sharedFilter, sortedClientIds);
    SharedGroup g = groups.get(sharedFilter);
    if (g != null) {
      g.clusterMembers = sortedClientIds;
      g.generation = generation;
    }
  }

  int size() {
    return trie.size();
  }

  /**
   * First step of routing one message: collects the subscriptions and shared groups whose filters
   * match {@code topic}. Returns false when there are none, so the caller need not decode the
   * message; otherwise {@link #deliver} completes the routing.
   */
  boolean collect(String topic) {
    targets.clear();
    if (trie.isEmpty()) {
      return false;
    }
    trie.forEachMatch(topic, (filter, target) -> targets.add(target));
    return !targets.isEmpty();
  }

  /**
   * Second step: applies no-local and the shared-group choice to the targets {@link #collect}ed for
   * {@code e}'s topic, and hands one merged {@link Delivery} per subscriber to {@code out}.
   *
   * @param changedAfter only subscriptions (and shared groups) changed after this generation
   *     receive the message: the others already had it. -1 for all.
   * @param routedUntil see {@link Delivery#routedUntil()}
   */
  void deliver(Envelope e, int partition, long offset, long changedAfter, long routedUntil,
      BiConsumer<Subscriber, Delivery> out) {
    hits.clear();
    String publisher = e.clientId();
    for (Target target : targets) {
      if (target instanceof Target.Plain plain) {
        if (plain.generation > changedAfter
            && !(plain.options.noLocal() && plain.subscriber.clientId().equals(publisher))) {
          hits.add(plain);
        }
      } else {
        SharedGroup group = (SharedGroup) target;
        Target.Plain picked = group.generation > changedAfter ? group.pick(publisher, partition, offset) : null;
        if (picked != null) {
          hits.add(picked);
        }
      }
    }
    if (hits.isEmpty()) {
      return;
    }
    if (hits.size() == 1) {
      Target.Plain p = hits.get(0);
      out.accept(p.subscriber, delivery(e, partition, offset, p.options.qos(), p.options.retainAsPublished(),
          p.options.subscriptionId() == 0 ? Delivery.NO_IDS : new int[] {p.options.subscriptionId()}, routedUntil));
      return;
    }
    Map<Subscriber, Merged> merged = new IdentityHashMap<>();
    for (Target.Plain p : hits) {
      merged.computeIfAbsent(p.subscriber, k -> new Merged()).add(p.options);
    }
    for (Map.Entry<Subscriber, Merged> m : merged.entrySet()) {
      Merged v = m.getValue();
      out.accept(m.getKey(), delivery(e, partition, offset, v.qos, v.retainAsPublished, v.ids, routedUntil));
    }
  }

  private static Delivery delivery(Envelope e, int partition, long offset, int grantedQos, boolean rap, int[] ids,
      long routedUntil) {
    return new Delivery(e, partition, offset, Math.min(e.qos(), grantedQos), rap && e.retain(), ids, routedUntil);
  }

  /** Overlapping subscriptions of one subscriber, folded into one delivery. */
  private static final class Merged {
    int qos = -1;
    boolean retainAsPublished;
    int[] ids = Delivery.NO_IDS;

    void add(SubscriptionOptions o) {
      qos = Math.max(qos, o.qos());
      retainAsPublished |= o.retainAsPublished();
      if (o.subscriptionId() != 0) {
        ids = java.util.Arrays.copyOf(ids, ids.length + 1);
        ids[ids.length - 1] = o.subscriptionId();
      }
    }
  }
}
