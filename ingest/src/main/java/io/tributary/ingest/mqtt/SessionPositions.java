package io.tributary.ingest.mqtt;

import io.tributary.ingest.route.Delivery;
import io.tributary.ingest.session.SessionReplay;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a session stands on the message topic, and the replay of what it missed offline. The
 * watermark stored for a persistent session is, per partition, the first offset that might not
 * have reached the client: never past a message still in flight, queued, not yet replayed or
 * routed to the connection after it closed. Resuming from it may repeat a message (QoS 1 allows
 * that) but never skips one. Owned by the connection's event loop.
 */
final class SessionPositions {
  private static final int REPLAY_QUEUE_LOW = 100;

  // Allocated on first use (first delivery, delivery after close, replay): an idle connection holds none.
  private Map<Integer, Long> delivered;
  private Map<Integer, Long> afterClose;
  private Map<Integer, Long> replayProgress;
  private Map<Integer, Long> replayFrom = Map.of();
  private SessionReplay replay;
  private ArrayDeque<Delivery> liveBacklog;
  private boolean dirty;

  void start(Map<Integer, Long> livePositions) {
    if (!livePositions.isEmpty()) {
      deliveredPositions().putAll(livePositions);
    }
    dirty = true;
  }

  boolean dirty() {
    boolean d = dirty;
    dirty = false;
    return d;
  }

  /** A live delivery: sent now, or held until the offline backlog has been replayed. */
  void live(MqttConnection c, Delivery d) {
    if (liveBacklog != null) {
      liveBacklog.add(d);
    } else {
      c.send(d);
    }
  }

  void delivered(Delivery d) {
    if (d.partition() >= 0) {
      deliveredPositions().merge(d.partition(), d.routedUntil(), Math::max);
      dirty = true;
    }
  }

  /** A delivery routed to the connection after it closed: the client never saw it. */
  void undelivered(Delivery d) {
    if (d.partition() >= 0) {
      if (afterClose == null) {
        afterClose = new HashMap<>();
      }
      afterClose.merge(d.partition(), d.offset(), Math::min);
    }
  }

  void startReplay(MqttConnection c, Map<Integer, Long> from, Map<Integer, Long> until) {
    SessionReplay r = new SessionReplay(c.broker.replayConsumerProps(), c.broker.log().topics().messages(),
        c.clientId(), from, until, Map.copyOf(c.subscriptions), c.broker.matchMode(),
        batch -> c.ctx.runOnContext(v -> onReplayBatch(c, batch)),
        () -> c.ctx.runOnContext(v -> onReplayDone(c)),
        c.broker.awsStrict() ? 10 : 0);
    if (!r.hasBacklog()) {
      return;
    }
    replay = r;
    replayFrom = Map.copyOf(from);
    liveBacklog = new ArrayDeque<>();
    r.start();
  }

  private void onReplayBatch(MqttConnection c, List<Delivery> batch) {
    if (!c.isConnected()) {
      return;
    }
    if (replayProgress == null) {
      replayProgress = new HashMap<>();
    }
    for (Delivery d : batch) {
      replayProgress.merge(d.partition(), d.offset() + 1, Math::max);
      c.send(d);
    }
    creditReplay(c);
  }

  /** Lets the replay read on once the client has worked through what it was given. */
  void creditReplay(MqttConnection c) {
    if (replay != null && c.outbound.queuedCount() < REPLAY_QUEUE_LOW) {
      replay.credit();
    }
  }

  private void onReplayDone(MqttConnection c) {
    if (replay == null) {
      return;
    }
    replay = null;
    replayFrom = Map.of();
    ArrayDeque<Delivery> held = liveBacklog;
    liveBacklog = null;
    if (c.isConnected()) {
      for (Delivery d : held) {
        c.send(d);
      }
    }
  }

  void cancelReplay() {
    if (replay != null) {
      replay.cancel();
    }
  }

  private Map<Integer, Long> deliveredPositions() {
    if (delivered == null) {
      delivered = new HashMap<>();
    }
    return delivered;
  }

  /** Watermark while connected (checkpoints): conservative, from what was routed to this connection. */
  Map<Integer, Long> watermark(Outbound outbound) {
    return bound(new HashMap<>(deliveredPositions()), outbound);
  }

  /** Watermark at the end: {@code routedUntil} is the feed's position when this connection left it. */
  Map<Integer, Long> finalWatermark(Outbound outbound, Map<Integer, Long> routedUntil) {
    Map<Integer, Long> base = new HashMap<>(deliveredPositions());
    routedUntil.forEach((p, end) -> base.merge(p, end, Math::max));
    if (afterClose != null) {
      afterClose.forEach((p, off) -> base.merge(p, off, Math::min));
    }
    return bound(base, outbound);
  }

  private Map<Integer, Long> bound(Map<Integer, Long> base, Outbound outbound) {
    if (replay != null) {
      Map<Integer, Long> progress = replayProgress == null ? Map.of() : replayProgress;
      replayFrom.forEach((p, from) -> base.merge(p, Math.max(from, progress.getOrDefault(p, from)), Math::min));
    }
    if (liveBacklog != null) {
      for (Delivery d : liveBacklog) {
        if (d.partition() >= 0) {
          base.merge(d.partition(), d.offset(), Math::min);
        }
      }
    }
    if (outbound != null) {
      outbound.oldestPending().forEach((p, off) -> base.merge(p, off, Math::min));
    }
    return base;
  }
}
