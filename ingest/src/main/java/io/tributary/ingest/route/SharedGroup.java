package io.tributary.ingest.route;

import java.util.ArrayList;
import java.util.List;

/**
 * Members of {@code $share/{group}/{filter}} on this node, and the client ids of the group's members
 * on every node (from the sessions topic). Each matching message goes to exactly one member of the
 * whole cluster: every node picks the same member from the message's partition and offset, and only
 * the node holding that member delivers. Until the cluster view knows the group, members on this
 * node take turns. Owned by the feed thread.
 */
final class SharedGroup implements Target {
  final String group;
  final String filter;
  final List<Target.Plain> members = new ArrayList<>();
  /** Client ids of connected members cluster-wide, sorted so that every node indexes them alike. */
  List<String> clusterMembers = List.of();
  /** The index's generation when the members (here or cluster-wide) last changed. */
  long generation;
  private int next;

  /**
   * The local member that gets the message at {@code partition}/{@code offset}, or null when the
   * message belongs to a member on another node.
   */
  Target.Plain pick(String publisherClientId, int partition, long offset) {
    List<String> cluster = clusterMembers;
    if (cluster.isEmpty() || partition < 0) {
      return pick(publisherClientId);
    }
    long h = (31L * partition + offset) * 0x9E3779B97F4A7C15L;
    String chosen = cluster.get((int) Math.floorMod(h >>> 16, (long) cluster.size()));
    for (Target.Plain p : members) {
      if (p.subscriber.clientId().equals(chosen)) {
        return p;
      }
    }
    return null;
  }

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
