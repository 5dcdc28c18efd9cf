package io.tributary.ingest.route;

import java.util.ArrayList;
import java.util.List;

/**
 * Members of {@code $share/{group}/{filter}} on this node. Each matching message goes to one member,
 * in turn. Owned by the feed thread.
 */
final class SharedGroup implements Target {
  final String group;
  final String filter;
  final List<Target.Plain> members = new ArrayList<>();
  private int next;

  SharedGroup(String group, String filter) {
    this.group = group;
    this.filter = filter;
  }

  /** The member that gets the next message, skipping members whose no-local option excludes the publisher. */
  Target.Plain pick(String publisherClientId) {
    int n = members.size();
    for (int i = 0; i < n; i++) {
      Target.Plain candidate = members.get((next + i) % n);
      if (!(candidate.options.noLocal() && candidate.subscriber.clientId().equals(publisherClientId))) {
        next = (next + i + 1) % n;
        return candidate;
      }
    }
    return null;
  }

  Target.Plain member(Subscriber s) {
    for (Target.Plain p : members) {
      if (p.subscriber == s) {
        return p;
      }
    }
    return null;
  }
}
