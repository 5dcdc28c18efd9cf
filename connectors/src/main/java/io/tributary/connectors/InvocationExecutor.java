package io.tributary.connectors;

import io.tributary.core.envelope.EnvelopeCodec;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the actions of one {@link ActionInvocation} concurrently and, when any failed (or the job
 * reported failures), sends one {@link ErrorDocument} to the error action. The error action is
 * tried like any action but has no error action of its own: its failure is logged and counted.
 * Never completes exceptionally.
 */
public final class InvocationExecutor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InvocationExecutor.class);

  private final PlatformWriter platform;
  private final String messagesTopic;
  private final String nodeId;
  private final Clock clock;
  private final HttpSender http;
  private final ExternalKafka external;
  private final ConnectorMetrics metrics;

  /**
   * @param platform writes republished messages and platform Kafka records
   * @param messagesTopic the platform's message topic, for republish
   */
  public InvocationExecutor(PlatformWriter platform, String messagesTopic, String nodeId, RetryPolicy policy,
                            HttpClient httpClient, Clock clock, ConnectorMetrics metrics) {
    this.platform = platform;
    this.messagesTopic = messagesTopic;
    this.nodeId = nodeId;
    this.clock = clock;
    this.metrics = metrics;
    this.http = new HttpSender(httpClient, policy, metrics);
    this.external = new ExternalKafka(policy);
  }

  public ConnectorMetrics metrics() {
    return metrics;
  }

  /** Completes with the failures met (empty when every action succeeded) once all is done. */
  public CompletableFuture<List<Failure>> execute(ActionInvocation invocation) {
    metrics.invocations.increment();
    List<CompletableFuture<Optional<Failure>>> runs = new ArrayList<>();
    for (Target target : invocation.actions()) {
      runs.add(run(target, invocation.payload(), invocation.json(), invocation).thenApply(error -> {
        if (error.isEmpty()) {
          metrics.actionsSucceeded.increment();
          return Optional.empty();
        }
        metrics.actionsFailed.increment();
        return Optional.of(Failure.of(target, error.get()));
      }));
    }
    return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).thenCompose(ignored -> {
      List<Failure> failures = new ArrayList<>(invocation.failures());
      runs.forEach(r -> r.join().ifPresent(failures::add));
      if (failures.isEmpty()) {
        return CompletableFuture.completedFuture(failures);
      }
      return errorAction(invocation, failures).thenApply(done -> failures);
    });
  }

  private CompletableFuture<Void> errorAction(ActionInvocation invocation, List<Failure> failures) {
    Target target = invocation.errorAction();
    if (target == null) {
      LOG.warn("Rule {}: {} action(s) failed and the rule has no error action: {}", invocation.ruleName(),
          failures.size(), failures);
      return CompletableFuture.completedFuture(null);
    }
    byte[] document = ErrorDocument.of(invocation, failures);
    return run(target, document, true, invocation).thenAccept(error -> {
      if (error.isEmpty()) {
        metrics.errorActionsSent.increment();
      } else {
        metrics.errorActionsFailed.increment();
        LOG.warn("Rule {}: the error action {} failed too: {}; error document dropped: {}", invocation.ruleName(),
            target.actionName(), error.get(), new String(document, StandardCharsets.UTF_8));
      }
    });
  }

  private CompletableFuture<Optional<String>> run(Target target, byte[] payload, boolean json,
                                                  ActionInvocation invocation) {
    try {
      CompletableFuture<Void> write;
      if (target instanceof Target.Http h) {
        return http.send(h, payload, json);
      } else if (target instanceof Target.Kafka k) {
        byte[] key = k.key() == null ? null : k.key().getBytes(StandardCharsets.UTF_8);
        PlatformWriter writer = k.platform() ? platform : external.producerFor(k.clientProperties());
        write = writer.write(k.topic(), key, payload, k.partition(), k.headers());
      } else {
        Target.Republish r = (Target.Republish) target;
        byte[] envelope = EnvelopeCodec.encode(RuleRecords.republished(r, payload, nodeId, clock.millis()));
        String key = invocation.clientId() == null ? invocation.ruleName() : invocation.clientId();
        write = platform.write(messagesTopic, key.getBytes(StandardCharsets.UTF_8), envelope, null,
            List.of(new Target.Header(RuleRecords.HOPS_HEADER,
                new String(RuleRecords.nextHops(invocation.hops()), StandardCharsets.UTF_8))));
      }
      return write.handle((ok, error) -> error == null ? Optional.empty()
          : Optional.of(target.actionName() + " to " + target.resource() + " failed: " + rootMessage(error)));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(Optional.of(target.actionName() + " to " + target.resource()
          + " failed: " + rootMessage(e)));
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.toString() : c.getMessage();
  }

  @Override
  public void close() {
    external.close();
  }
}
