package io.tributary.streams.shadow.internal;

import io.tributary.core.envelope.Envelope;
import io.tributary.shadow.RestResponse;
import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowLimits;
import io.tributary.shadow.ShadowMessage;
import io.tributary.shadow.ShadowRateLimiter;
import io.tributary.shadow.ShadowRequest;
import io.tributary.shadow.ShadowResult;
import io.tributary.shadow.ShadowService;
import io.tributary.shadow.StoredShadow;
import io.tributary.streams.shadow.RestEnvelopes;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies shadow requests, one at a time per task, to the store, and forwards the messages to
 * publish. The service's time is the request's receive time, so reprocessing after a failure gives
 * the same documents; REST requests are answered on their reply topic instead of {@code /rejected}.
 * Reads and writes go through {@link ParsedShadows}, which spares parsing a shadow read again while
 * always returning what the store holds.
 */
public final class ShadowProcessor implements Processor<String, byte[], String, Envelope> {
  /**
   * JSON bytes of parsed shadows kept per task: a few thousand typical shadows. The trees take
   * several times that on the heap (5–10 MB per task), hence the modest bound.
   */
  static final long CACHE_BYTES = 1L << 20;

  private final ShadowService service;
  private final ShadowRateLimiter limiter;
  private final Responses responses;
  private ProcessorContext<String, Envelope> context;
  private KeyValueStore<String, byte[]> store;
  private final ParsedShadows shadows = new ParsedShadows(CACHE_BYTES);

  public ShadowProcessor(ShadowLimits limits, String nodeId, Clock clock) {
    this.service = new ShadowService(limits);
    this.limiter = new ShadowRateLimiter(limits);
    this.responses = new Responses(nodeId, clock);
  }

  @Override
  public void init(ProcessorContext<String, Envelope> context) {
    this.context = context;
    this.store = context.getStateStore(ShadowStore.NAME);
    shadows.open(store);
  }

  @Override
  public void close() {
    shadows.clear();
  }

  @Override
  public void process(Record<String, byte[]> input) {
    Optional<IncomingRequest> incoming = IncomingRequest.read(input.value());
    if (incoming.isEmpty()) {
      return;
    }
    Envelope envelope = incoming.get().envelope();
    ShadowRequest request = incoming.get().request();
    Record<String, Envelope> record = input.withValue(envelope).withKey(request.shadow().thingName());
    long now = envelope.receivedAt();
    boolean rest = RestEnvelopes.isRequest(envelope);
    if (!limiter.tryAcquire(request.shadow().thingName(), now)) {
      if (rest) {
        forward(record, responses.reply(envelope, service.restThrottled()));
      } else {
        publish(record, envelope, service.throttled(request, now));
      }
      return;
    }
    Optional<StoredShadow> current = shadows.read(request.shadow());
    int named = namedShadows(request, current);
    if (rest) {
      RestResponse response = rest(request, current, named, now);
      apply(request.shadow(), response.effects());
      publish(record, envelope, response.effects());
      forward(record, responses.reply(envelope, response));
    } else {
      ShadowResult result = service.handle(request, current, named, now);
      apply(request.shadow(), result);
      publish(record, envelope, result);
    }
  }

  private RestResponse rest(ShadowRequest request, Optional<StoredShadow> current, int named, long now) {
    return switch (request.operation()) {
      case GET -> service.restGet(request.shadow(), current, now);
      case UPDATE -> service.restUpdate(request.shadow(), request.payload(), current, named, now);
      case DELETE -> service.restDelete(request.shadow(), current, now);
    };
  }

  /** Counts the thing's named shadows only when the count can matter: creating one under a limit. */
  private int namedShadows(ShadowRequest request, Optional<StoredShadow> current) {
    boolean creates = !request.shadow().isClassic() && current.filter(s -> !s.isDeleted()).isEmpty();
    if (!creates || service.limits().maxNamedShadowsPerThing() == Integer.MAX_VALUE) {
      return 0;
    }
    return ShadowStore.countNamed(store, request.shadow().thingName());
  }

  private void apply(ShadowId shadow, ShadowResult result) {
    switch (result.change()) {
      case PUT -> shadows.put(shadow, result.state().orElseThrow());
      case REMOVE -> shadows.delete(shadow);
      case UNCHANGED -> { }
    }
  }

  private void publish(Record<String, Envelope> record, Envelope request, ShadowResult result) {
    for (ShadowMessage message : result.messages()) {
      forward(record, responses.message(request, message));
    }
  }

  /** {@code record} is keyed by the request's thing name, which keys its responses too. */
  private void forward(Record<String, Envelope> record, Envelope response) {
    context.forward(new Record<>(record.key(), response, record.timestamp()));
  }
}
