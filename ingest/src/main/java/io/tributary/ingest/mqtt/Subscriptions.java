package io.tributary.ingest.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.tributary.core.topic.InternalTopics;
import io.tributary.core.topic.SharedFilter;
import io.tributary.core.topic.TopicError;
import io.tributary.core.topic.Topics;
import io.tributary.ingest.auth.Action;
import io.tributary.ingest.broker.DisconnectReason;
import io.tributary.ingest.route.Delivery;
import io.tributary.ingest.route.SubscriptionOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SUBSCRIBE and UNSUBSCRIBE. For a persistent session the new subscriptions are in Kafka before
 * the SUBACK; the feed applies them before the SUBACK too, so a message published after the
 * SUBACK is always delivered. Retained messages follow the MQTT 5 retain handling, or AWS's rule
 * (exact filters only) in the aws-strict profile.
 */
final class Subscriptions {
  private final MqttConnection c;

  Subscriptions(MqttConnection c) {
    this.c = c;
  }

  private record Granted(String filter, SubscriptionOptions options, boolean existed) {}

  void onSubscribe(MqttSubscribeMessage m) {
    int packetId = m.idAndPropertiesVariableHeader().messageId();
    boolean v5 = c.v5();
    boolean strict = c.broker.awsStrict();
    MqttProperties props = v5 ? m.idAndPropertiesVariableHeader().properties() : MqttProperties.NO_PROPERTIES;
    Integer subscriptionId = MqttProps.integer(props, MqttProperties.SUBSCRIPTION_IDENTIFIER);
    if (subscriptionId != null && strict) {
      c.terminate(DisconnectReason.CLIENT_ERROR, true, Reason.SUBSCRIPTION_IDS_NOT_SUPPORTED,
          "subscription identifiers are not supported");
      return;
    }
    List<MqttTopicSubscription> requested = m.payload().topicSubscriptions();
    int[] codes = new int[requested.size()];
    List<Granted> granted = new ArrayList<>();
    boolean suppressAck = false;
    for (int i = 0; i < requested.size(); i++) {
      MqttTopicSubscription ts = requested.get(i);
      String filter = ts.topicFilter();
      MqttSubscriptionOption o = ts.option();
      int qos = o.qos().value();
      byte refusal = check(filter, o, i, v5);
      if (refusal != 0) {
        codes[i] = v5 ? refusal & 0xFF : 0x80;
        continue;
      }
      if (qos == 2 && strict) {
        if (!v5) {
          suppressAck = true; // AWS IoT sends no SUBACK for a QoS 2 subscription over MQTT 3.1.1
        }
        qos = 1;
      }
      boolean existed = c.subscriptions.containsKey(filter);
      SubscriptionOptions options = new SubscriptionOptions(qos, v5 && o.isNoLocal(), v5 && o.isRetainAsPublished(),
          v5 ? o.retainHandling().value() : 0, subscriptionId == null ? 0 : subscriptionId);
      c.subscriptions.put(filter, options);
      granted.add(new Granted(filter, options, existed));
      codes[i] = qos;
    }
    boolean noAck = suppressAck;
    Runnable acknowledge = () -> {
      if (!noAck) {
        c.transport.write(Packets.subAck(packetId, codes, null));
      }
      c.broker.lifecycle().subscriptions(c.who(), true, granted.stream().map(Granted::filter).toList(),
          c.broker.now(), c.ctx);
      for (Granted g : granted) {
        sendRetained(g);
      }
    };
    Runnable apply = () -> {
      if (granted.isEmpty()) {
        acknowledge.run();
        return;
      }
      Map<String, SubscriptionOptions> added = new LinkedHashMap<>();
      granted.forEach(g -> added.put(g.filter(), g.options()));
      // The SUBACK waits until the feed routes to the new subscriptions: what is published after it
      // is then delivered. It reaches the connection through its mailbox, ahead of any delivery.
      c.broker.feed().register(c, added, positions -> c.afterFeed(acknowledge));
    };
    persistThen(granted.isEmpty(), granted.stream().anyMatch(g -> SharedFilter.parse(g.filter()) != null), apply);
  }

  /** 0 when the filter may be subscribed, otherwise the MQTT 5 reason code. */
  private byte check(String filter, MqttSubscriptionOption o, int index, boolean v5) {
    TopicError err = Topics.validateFilter(filter, c.broker.topicLimits());
    if (err != null) {
      return Reason.TOPIC_FILTER_INVALID;
    }
    if (index >= c.broker.limits().maxFiltersPerSubscribe) {
      return Reason.QUOTA_EXCEEDED;
    }
    if (v5 && o.isNoLocal() && SharedFilter.parse(filter) != null) {
      return Reason.TOPIC_FILTER_INVALID; // MQTT 5 §3.8.3.1: No Local on a shared subscription is not allowed
    }
    SharedFilter shared = SharedFilter.parse(filter);
    if (InternalTopics.isInternal(shared == null ? filter : shared.filter())
        || !c.broker.authorizer().allowed(c.principal, c.clientId(), Action.SUBSCRIBE, filter)) {
      return Reason.NOT_AUTHORIZED;
    }
    if (!c.subscriptions.containsKey(filter) && c.subscriptions.size() >= c.broker.limits().maxSubscriptionsPerSession) {
      return Reason.QUOTA_EXCEEDED;
    }
    return 0;
  }

  private void sendRetained(Granted g) {
    SubscriptionOptions o = g.options();
    if (SharedFilter.parse(g.filter()) != null || o.retainHandling() == 2 || (o.retainHandling() == 1 && g.existed())) {
      return;
    }
    if (c.broker.awsStrict() && Topics.isWildcard(g.filter())) {
      return; // AWS IoT delivers retained messages only to subscriptions that name the topic exactly
    }
    int[] ids = o.subscriptionId() == 0 ? Delivery.NO_IDS : new int[] {o.subscriptionId()};
    c.broker.retained().forEachMatch(g.filter(), c.broker.matchMode(), e -> {
      if (!e.isExpired(c.broker.now())) {
        c.send(new Delivery(e, -1, -1, Math.min(e.qos(), o.qos()), true, ids));
      }
    });
  }

  void onUnsubscribe(MqttUnsubscribeMessage m) {
    int packetId = m.idAndPropertiesVariableHeader().messageId();
    List<String> filters = m.payload().topics();
    short[] codes = new short[filters.size()];
    List<String> removed = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      String f = filters.get(i);
      if (Topics.validateFilter(f, c.broker.topicLimits()) != null) {
        codes[i] = Reason.TOPIC_FILTER_INVALID & 0xFF;
      } else if (c.subscriptions.remove(f) != null) {
        removed.add(f);
        codes[i] = Reason.SUCCESS;
      } else {
        codes[i] = Reason.NO_SUBSCRIPTION_EXISTED;
      }
    }
    Runnable acknowledge = () -> {
      c.transport.write(Packets.unsubAck(packetId, codes, c.v5()));
      c.broker.lifecycle().subscriptions(c.who(), false, removed, c.broker.now(), c.ctx);
    };
    // Through the feed even when nothing changes there, so that acknowledgements keep the order of
    // the requests (a SUBACK waits for the feed too).
    Runnable apply = () -> c.broker.feed().unsubscribe(c, removed, () -> c.afterFeed(acknowledge));
    persistThen(removed.isEmpty(), removed.stream().anyMatch(f -> SharedFilter.parse(f) != null), apply);
  }

  /**
   * Runs {@code apply} once the new subscription set is in Kafka when the session is persistent or
   * the change touches a shared subscription (every node needs a group's members); at once otherwise.
   */
  private void persistThen(boolean unchanged, boolean shared, Runnable apply) {
    if (unchanged || (c.sessionExpirySeconds == 0 && !shared)) {
      apply.run();
      return;
    }
    c.broker.sessions().write(c.record(true, c.positions.watermark(c.outbound)), err -> c.ctx.runOnContext(v -> {
      if (!c.isConnected()) {
        return;
      }
      if (err == null) {
        apply.run();
      } else {
        c.terminate(DisconnectReason.SERVER_ERROR, true, Reason.UNSPECIFIED_ERROR, "session state not stored");
      }
    }));
  }
}
