package io.tributary.server.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.rules.Lookups;
import io.tributary.streams.rules.InvalidRuleException;
import io.tributary.streams.rules.RuleCompiler;
import io.tributary.streams.rules.TopicRule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS IoT's topic-rule API on the node's HTTP router: CreateTopicRule ({@code POST /rules/{name}}),
 * GetTopicRule ({@code GET}), ReplaceTopicRule ({@code PATCH}), DeleteTopicRule ({@code DELETE}),
 * EnableTopicRule / DisableTopicRule ({@code POST /rules/{name}/enable|disable}) and ListTopicRules
 * ({@code GET /rules}). Success is 200 with an empty body (a document for Get and List); errors carry
 * AWS's {@code x-amzn-ErrorType}. Writes of one node run one at a time on a dedicated thread, so a
 * create checks existence and writes atomically on that node.
 */
public final class TopicRuleApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicRuleApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 300 * 1024;

  private final TopicRuleStore store;
  private final Clock clock;
  private final Lookups lookups;
  private final ExecutorService writes = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "tributary-rules-api");
    t.setDaemon(true);
    return t;
  });

  private TopicRuleApi(TopicRuleStore store, Clock clock, Lookups lookups) {
    this.store = store;
    this.clock = clock;
    this.lookups = lookups;
  }

  /**
   * Loads the stored rules and mounts the routes; the {@code <prefix>rules} topic must exist (the
   * rules job creates it). Rules are checked with {@code lookups}, the readers the rules job has.
   */
  public static TopicRuleApi mount(Router router, String bootstrap, io.tributary.core.config.KafkaConfig kafka,
                                   String nodeId, Clock clock, Lookups lookups) {
    TopicRuleApi api = new TopicRuleApi(TopicRuleStore.start(bootstrap, kafka, nodeId), clock, lookups);
    BodyHandler body = BodyHandler.create().setBodyLimit(MAX_BODY);
    router.get("/rules").handler(rc -> RuleList.handle(rc, api.store));
    router.post("/rules/:ruleName/enable").handler(rc -> api.setDisabled(rc, false));
    router.post("/rules/:ruleName/disable").handler(rc -> api.setDisabled(rc, true));
    router.get("/rules/:ruleName").handler(api::get);
    router.post("/rules/:ruleName").handler(body).handler(rc -> api.write(rc, true));
    router.patch("/rules/:ruleName").handler(body).handler(rc -> api.write(rc, false));
    router.delete("/rules/:ruleName").handler(api::delete);
    return api;
  }

  private void get(RoutingContext rc) {
    String name = rc.pathParam("ruleName");
    store.get(name).ifPresentOrElse(
        rule -> rc.response().putHeader("content-type", "application/json").end(rule.toDocument().toString()),
        () -> RuleErrors.missing(rc, name));
  }

  /** CreateTopicRule ({@code create}) or ReplaceTopicRule. */
  private void write(RoutingContext rc, boolean create) {
    String name = rc.pathParam("ruleName");
    TopicRule rule;
    try {
      JsonNode payload = JSON.readTree(rc.body().buffer() == null ? "" : rc.body().asString());
      rule = TopicRule.fromPayload(name, payload, clock.instant().getEpochSecond());
      RuleCompiler.check(rule, lookups);
    } catch (JsonProcessingException e) {
      RuleErrors.send(rc, RuleErrors.INVALID_REQUEST, "The request body is not valid JSON: " + e.getOriginalMessage());
      return;
    } catch (InvalidRuleException e) {
      RuleErrors.send(rc, e.errorType(), e.getMessage());
      return;
    }
    inWriter(rc, () -> {
      var existing = store.get(name);
      if (create && existing.isPresent()) {
        return () -> RuleErrors.send(rc, RuleErrors.ALREADY_EXISTS, "Rule '" + name + "' already exists");
      }
      if (!create && existing.isEmpty()) {
        return () -> RuleErrors.missing(rc, name);
      }
      store.put(create ? rule : rule.withCreatedAt(existing.get().createdAt()));
      return () -> rc.response().end();
    });
  }

  private void setDisabled(RoutingContext rc, boolean disabled) {
    String name = rc.pathParam("ruleName");
    inWriter(rc, () -> {
      var existing = store.get(name);
      if (existing.isEmpty()) {
        return () -> RuleErrors.missing(rc, name);
      }
      if (existing.get().disabled() != disabled) {
        store.put(existing.get().withDisabled(disabled));
      }
      return () -> rc.response().end();
    });
  }

  private void delete(RoutingContext rc) {
    String name = rc.pathParam("ruleName");
    inWriter(rc, () -> {
      if (store.get(name).isEmpty()) {
        return () -> RuleErrors.missing(rc, name);
      }
      store.delete(name);
      return () -> rc.response().end();
    });
  }

  /** A write step on the writer thread; it returns the answer to send on the request's context. */
  @FunctionalInterface
  private interface WriteStep {
    Runnable run();
  }

  private void inWriter(RoutingContext rc, WriteStep step) {
    Future.fromCompletionStage(CompletableFuture.supplyAsync(step::run, writes), Vertx.currentContext()).onComplete(ar -> {
      if (ar.succeeded()) {
        ar.result().run();
      } else {
        LOG.warn("Topic rule write failed", ar.cause());
        RuleErrors.send(rc, RuleErrors.INTERNAL, "The rule could not be stored: " + ar.cause().getMessage());
      }
    });
  }

  @Override
  public void close() {
    writes.shutdown();
    store.close();
  }
}
