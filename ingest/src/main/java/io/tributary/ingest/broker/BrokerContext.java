package io.tributary.ingest.broker;

import io.tributary.core.config.MqttConfig;
import io.tributary.core.config.Profile;
import io.tributary.core.topic.MatchMode;
import io.tributary.core.topic.TopicLimits;
import io.tributary.ingest.auth.Authenticator;
import io.tributary.ingest.auth.Authorizer;
import io.tributary.ingest.kafka.MessageLog;
import io.tributary.ingest.retained.RetainedStore;
import io.tributary.ingest.route.MessageFeed;
import io.tributary.ingest.session.SessionStore;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Properties;

/**
 * Configuration and services of one gateway, shared by all its connections. Immutable; the
 * services are thread-safe.
 */
public record BrokerContext(
    Vertx vertx,
    String nodeId,
    Profile profile,
    MqttConfig limits,
    TopicLimits topicLimits,
    Clock clock,
    MessageLog log,
    MessageFeed feed,
    RetainedStore retained,
    SessionStore sessions,
    ConnectionRegistry connections,
    Publisher publisher,
    LifecycleEvents lifecycle,
    WillScheduler wills,
    Authenticator authenticator,
    Authorizer authorizer,
    Properties replayConsumerProps) {

  public boolean awsStrict() {
    return profile == Profile.AWS_STRICT;
  }

  public MatchMode matchMode() {
    return awsStrict() ? MatchMode.AWS_STRICT : MatchMode.MQTT;
  }

  public long now() {
    return clock.millis();
  }
}
