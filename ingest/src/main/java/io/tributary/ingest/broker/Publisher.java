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

  public Future<Void> publish(Envelope e, Context context) {
    byte[] encoded = EnvelopeCodec.encode(e); // once, for every topic the publish is written to
    Future<Void> message = publishMessage(e, encoded, context);
    String shadowThing = shadowRequestThing(e);
    if (shadowThing == null) {
      return message;
    }
    Promise<Void> copy = ((ContextInternal) context).promise();
    log.send(log.topics().shadowRequests(), shadowThing, encoded, (meta, error) -> complete(copy, error));
    return message.compose(done -> copy.future());
  }

  /**
   * The thing whose shadow service must see {@code e}, or null: a publish on a shadow request topic
   * is also written to the shadow-requests topic, keyed by thing name (wills are not requests: AWS's
   * shadow service ignores them).
   */
  private static String shadowRequestThing(Envelope e) {
    return e.origin() == Envelope.Origin.WILL ? null : ShadowRequestTopics.thingOf(e.topic());
  }

  private Future<Void> publishMessage(Envelope e, byte[] encoded, Context context) {
    Promise<Void> promise = ((ContextInternal) context).promise();
    if (!e.retain()) {
      log.append(e, encoded, (meta, error) -> complete(promise, error));
      return promise.future();
    }
    AtomicInteger remaining = new AtomicInteger(2);
    Exception[] failure = new Exception[1];
    Runnable oneDone = () -> {
      if (remaining.decrementAndGet() == 0) {
        complete(promise, failure[0]);
      }
    };
    // An empty retained payload clears the topic's retained message; the publish itself is still
    // forwarded to current subscribers.
    Envelope stored = e.payload().length == 0 ? null : e;
    log.retain(e.topic(), stored == null ? null : encoded, (meta, error) -> {
      if (error == null) {
        retained.applyLocal(e.topic(), stored, meta.partition(), meta.offset());
      } else {
        failure[0] = error;
      }
      oneDone.run();
    });
    log.append(e, encoded, (meta, error) -> {
      if (error != null) {
        failure[0] = error;
      }
      oneDone.run();
    });
    return promise.future();
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
