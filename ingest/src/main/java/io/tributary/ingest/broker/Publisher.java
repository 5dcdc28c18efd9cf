package io.tributary.ingest.broker;

import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.topic.ShadowRequestTopics;
import io.tributary.ingest.kafka.MessageLog;
import io.tributary.ingest.retained.RetainedStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one path from an accepted publish to Kafka, for MQTT, HTTP, wills and lifecycle events.
 * The returned future completes on the caller's context once Kafka acknowledged every record the
 * publish needs: the message itself, for a retained publish the retained topic's record, and for a
 * Device Shadow request its copy on the shadow-requests topic (keyed by thing name).
 * Only then may the publisher be acknowledged.
 */
public final class Publisher {
  private final MessageLog log;
  private final RetainedStore retained;

  public Publisher(MessageLog log, RetainedStore retained) {
    this.log = log;
    this.retained = retained;
  }

  /**
   * Told once that every record of a publish is in Kafka ({@code error} null) or that one failed.
   * Runs on the producer's I/O thread (or on the caller's, when the publish fails at once): it must
   * be quick and hop to its own context for anything else.
   */
  @FunctionalInterface
  public interface Completion {
    void done(Exception error);
  }

  /** Writes {@code e}; the future completes on {@code context} once Kafka acknowledged it all. */
  public Future<Void> publish(Envelope e, Context context) {
    Promise<Void> promise = ((ContextInternal) context).promise();
    publish(e, error -> complete(promise, error));
    return promise.future();
  }

  /**
   * Writes {@code e} and calls {@code done} on the producer's thread: for callers that gather many
   * completions into one hop to their context (an MQTT connection acknowledges a burst at once).
   */
  public void publish(Envelope e, Completion done) {
    byte[] encoded = EnvelopeCodec.encode(e); // once, for every topic the publish is written to
    String shadowThing = shadowRequestThing(e);
    // An empty retained payload clears the topic's retained message; the publish itself is still
    // forwarded to current subscribers.
    Envelope stored = e.retain() && e.payload().length > 0 ? e : null;
    int records = 1 + (e.retain() ? 1 : 0) + (shadowThing == null ? 0 : 1);
    Completion each = records == 1 ? done : new Countdown(records, done);
    if (e.retain()) {
      log.retain(e.topic(), stored == null ? null : encoded, (meta, error) -> {
        if (error == null) {
          retained.applyLocal(e.topic(), stored, meta.partition(), meta.offset());
        }
        each.done(error);
      });
    }
    log.append(e, encoded, (meta, error) -> each.done(error));
    if (shadowThing != null) {
      log.send(log.topics().shadowRequests(), shadowThing, encoded, (meta, error) -> each.done(error));
    }
  }

  /**
   * The thing whose shadow service must see {@code e}, or null: a publish on a shadow request topic
   * is also written to the shadow-requests topic, keyed by thing name (wills are not requests: AWS's
   * shadow service ignores them).
   */
  private static String shadowRequestThing(Envelope e) {
    return e.origin() == Envelope.Origin.WILL ? null : ShadowRequestTopics.thingOf(e.topic());
  }

  /** Completes {@code done} once all of a publish's records are acknowledged, with the first error if any failed. */
  private static final class Countdown extends AtomicInteger implements Completion {
    private final Completion done;
    private volatile Exception failure;

    Countdown(int records, Completion done) {
      super(records);
      this.done = done;
    }

    @Override
    public void done(Exception error) {
      if (error != null && failure == null) {
        failure = error;
      }
      if (decrementAndGet() == 0) {
        done.done(failure);
      }
    }
  }

  /** True when publishers should pause reading (Kafka is behind). */
  public boolean saturated() {
    return log.saturated();
  }

  /** Calls {@code resume} once Kafka has caught up. */
  public void whenWritable(Runnable resume) {
    log.whenWritable(resume);
  }

  private static void complete(Promise<Void> p, Exception error) {
    if (error == null) {
      p.tryComplete();
    } else {
      p.tryFail(error);
    }
  }
}
