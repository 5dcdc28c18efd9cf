package io.tributary.ingest.route;

import io.tributary.core.topic.SharedFilter;
import io.tributary.ingest.session.SessionRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which connected clients, on any node, hold each shared subscription: derived from the sessions
 * topic (a session with a {@code $share} subscription always stores its subscriptions there) and
 * handed to the feed, which uses it to give each message to one member cluster-wide. Session
 * listeners fire from more than one thread, so each change re-reads the view's current record for
 * the client under a lock: whatever the order of notifications, the result is the view's state.
 */
public final class SharedMembership {
  private final MessageFeed feed;
  private final Function<String, SessionRecord> view;
  private final Map<String, TreeSet<String>> membersByFilter = new HashMap<>();
  private final Map<String, Set<String>> filtersByClient = new HashMap<>();

  public SharedMembership(MessageFeed feed, Function<String, SessionRecord> view) {
    this.feed = feed;
    this.view = view;
  }

  /** A session record changed. */
  public synchronized void onSession(String clientId, SessionRecord ignored) {
    SessionRecord record = view.apply(clientId);
    Set<String> now = new HashSet<>();
    if (record != null && record.connected()) {
      for (String f : record.subscriptions().keySet()) {
        if (SharedFilter.parse(f) != null) {
          now.add(f);
        }
      }
    }
    Set<String> before = filtersByClient.getOrDefault(clientId, Set.of());
    if (now.equals(before)) {
      return;
    }
    if (now.isEmpty()) {
      filtersByClient.remove(clientId);
    } else {
      filtersByClient.put(clientId, now);
    }
    for (String f : before) {
      if (!now.contains(f)) {
        TreeSet<String> members = membersByFilter.get(f);
        if (members != null) {
          members.remove(clientId);
          if (members.isEmpty()) {
            membersByFilter.remove(f);
          }
        }
        publish(f);
      }
    }
    for (String f : now) {
      if (!before.contains(f)) {
        membersByFilter.computeIfAbsent(f, k -> new TreeSet<>()).add(clientId);
        publish(f);
      }
    }
  }

  private void publish(String filter) {
    TreeSet<String> members = membersByFilter.get(filter);
    feed.sharedGroupMembers(filter, members == null ? java.util.List.of() : new ArrayList<>(members));
  }
}
