package io.tributary.ingest.mqtt;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.util.ReferenceCountUtil;
import io.tributary.ingest.auth.Action;
import io.tributary.ingest.auth.AuthResult;
import io.tributary.ingest.auth.ConnectInfo;
import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.broker.BrokerContext;
import io.tributary.ingest.broker.ClientConnection;
import io.tributary.ingest.broker.DisconnectReason;
import io.tributary.ingest.broker.LifecycleEvents;
import io.tributary.ingest.route.Delivery;
import io.tributary.ingest.route.Subscriber;
import io.tributary.ingest.route.SubscriptionOptions;
import io.tributary.ingest.session.SessionRecord;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's MQTT connection: CONNECT, session claim and resume, the packet dispatch, and every
 * way a connection ends. Owned by one event loop; other threads reach it only through {@link
 * Context#runOnContext}. Inbound publishes, subscriptions, outbound delivery, keep-alive and the
 * session's positions are in {@link InboundPublishes}, {@link Subscriptions}, {@link Outbound},
 * {@link KeepAlive} and {@link SessionPositions}.
 */
public final class MqttConnection implements Subscriber, ClientConnection {
  private enum State { AWAIT_CONNECT, CONNECTING, CONNECTED, CLOSED }

  private static final long CONNECT_TIMEOUT_MS = 10_000;

  final BrokerContext broker;
  final Transport transport;
  final Context ctx;
  final String connectionId = UUID.randomUUID().toString();
  final Map<String, SubscriptionOptions> subscriptions = new LinkedHashMap<>();
  final SessionPositions positions = new SessionPositions();
  /**
   * Deliveries handed over by the feed thread and Kafka's acknowledgements of this client's
   * publishes ({@link InboundPublishes.Stored}), drained on this connection's event loop.
   */
  private final ConcurrentLinkedQueue<Object> mailbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean mailboxScheduled = new AtomicBoolean();

  private State state = State.AWAIT_CONNECT;
  ConnectRequest request;
  Principal principal;
  private volatile long epoch;
  long sessionExpirySeconds;
  private boolean registeredWithFeed;
  private boolean claimed;
  private boolean takenOver;
  Outbound outbound;
  private InboundPublishes inbound;
  private Subscriptions subs;
  /** Packets that arrived between CONNECT and CONNACK; allocated only when some do. */
  private List<MqttMessage> early;
  private KeepAlive keepAlive;
  private long checkpointTimer = -1;
  private final long connectTimer;

  MqttConnection(BrokerContext broker, Transport transport, Context ctx) {
    this.broker = broker;
    this.transport = transport;
    this.ctx = ctx;
    this.connectTimer = broker.vertx().setTimer(CONNECT_TIMEOUT_MS, id -> ctx.runOnContext(v -> {
      if (state == State.AWAIT_CONNECT) {
        terminate(DisconnectReason.CLIENT_ERROR, false, null, null);
      }
    }));
  }

  // ---- packet dispatch -------------------------------------------------------------------

  /** Entry point for every decoded packet, on the connection's event loop. */
  void handle(Object packet) {
    try {
      if (!(packet instanceof MqttMessage m) || state == State.CLOSED) {
        return;
      }
      if (keepAlive != null) {
        keepAlive.touch();
      }
      DecoderResult result = m.decoderResult();
      if (result != null && result.isFailure()) {
        onUndecodable(result.cause());
        return;
      }
      MqttMessageType type = m.fixedHeader().messageType();
      if (type == MqttMessageType.CONNECT) {
        onConnect((MqttConnectMessage) m);
        return;
      }
      if (state == State.AWAIT_CONNECT) {
        terminate(DisconnectReason.CLIENT_ERROR, false, null, null); // MQTT-3.1.0-1: CONNECT comes first
        return;
      }
      if (state == State.CONNECTING) {
        ReferenceCountUtil.retain(m);
        if (early == null) {
          early = new ArrayList<>(4);
        }
        early.add(m); // clients may send right after CONNECT; handled once connected
        return;
      }
      dispatch(m, type);
    } finally {
      ReferenceCountUtil.release(packet);
    }
  }

  private void dispatch(MqttMessage m, MqttMessageType type) {
    switch (type) {
      case PUBLISH -> inbound.onPublish((MqttPublishMessage) m);
      case PUBREL -> inbound.onPubRel(packetId(m));
      case PUBACK, PUBCOMP -> {
        // An unknown id is a late acknowledgement from before a reconnect: ignored (MQTT 5 §4.9).
        if (outbound.complete(packetId(m), type)) {
          positions.creditReplay(this);
        }
      }
      case PUBREC -> {
        Object vh = m.variableHeader();
        int id = packetId(m);
        if (vh instanceof MqttPubReplyMessageVariableHeader r && (r.reasonCode() & 0x80) != 0) {
          outbound.abandon(id);
        } else if (!outbound.received(id)) {
          transport.write(Packets.pubReply(MqttMessageType.PUBREL, id, Reason.PACKET_ID_NOT_FOUND, null, v5()));
        }
      }
      case SUBSCRIBE -> subs.onSubscribe((MqttSubscribeMessage) m);
      case UNSUBSCRIBE -> subs.onUnsubscribe((MqttUnsubscribeMessage) m);
      case PINGREQ -> transport.write(Packets.pingResp());
      case DISCONNECT -> onDisconnect(m);
      default -> protocolError("unexpected " + type + " packet");
    }
  }

  private static int packetId(MqttMessage m) {
    return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
  }

  private void onUndecodable(Throwable cause) {
    if (state == State.AWAIT_CONNECT && cause instanceof MqttUnacceptableProtocolVersionException) {
      transport.write(Packets.connAck((byte) 0x01, false, MqttProperties.NO_PROPERTIES));
      terminate(DisconnectReason.CLIENT_ERROR, false, null, null);
    } else if (state == State.AWAIT_CONNECT && cause instanceof MqttIdentifierRejectedException) {
      transport.write(Packets.connAck((byte) 0x02, false, MqttProperties.NO_PROPERTIES));
      terminate(DisconnectReason.CLIENT_ERROR, false, null, null);
    } else if (cause instanceof TooLongFrameException) {
      terminate(DisconnectReason.CLIENT_ERROR, true, Reason.PACKET_TOO_LARGE,
          "packet larger than " + broker.limits().maxPacketBytes + " bytes");
    } else {
      terminate(DisconnectReason.CLIENT_ERROR, true, Reason.MALFORMED_PACKET, "malformed packet: " + cause.getMessage());
    }
  }

  /** Ends the connection for a protocol violation (DISCONNECT 0x82 in MQTT 5). */
  void protocolError(String why) {
    terminate(DisconnectReason.CLIENT_ERROR, true, Reason.PROTOCOL_ERROR, why);
  }

  // ---- CONNECT ---------------------------------------------------------------------------

  private void onConnect(MqttConnectMessage m) {
    if (state != State.AWAIT_CONNECT) {
      protocolError("second CONNECT on one connection");
      return;
    }
    state = State.CONNECTING;
    broker.vertx().cancelTimer(connectTimer);
    ConnectRequest.Parsed parsed = ConnectRequest.parse(m, broker.limits(), broker.topicLimits(), broker.awsStrict());
    if (parsed.refusal() != null) {
      refuse(m.variableHeader().version() == 5, parsed.refusal());
      return;
    }
    request = parsed.request();
    ConnectInfo info = new ConnectInfo(request.clientId(), request.username(), request.password(),
        transport.remoteAddress(), transport.peerCertificates(), transport.name());
    broker.authenticator().authenticate(info).onComplete(ar -> ctx.runOnContext(v -> {
      if (state == State.CLOSED) {
        return;
      }
      if (ar.failed()) {
        refuse(v5(), new ConnectRequest.Refusal(Reason.SERVER_UNAVAILABLE, (byte) 3, "authentication unavailable"));
        return;
      }
      AuthResult result = ar.result();
      if (!result.allowed()) {
        boolean bad = result.refusal() == AuthResult.Refusal.BAD_CREDENTIALS;
        refuse(v5(), new ConnectRequest.Refusal(bad ? Reason.BAD_USERNAME_OR_PASSWORD : Reason.NOT_AUTHORIZED,
            bad ? (byte) 4 : (byte) 5, bad ? "bad user name or password" : "not authorized"));
        return;
      }
      principal = result.principal();
      if (!broker.authorizer().allowed(principal, request.clientId(), Action.CONNECT, request.clientId())) {
        refuse(v5(), new ConnectRequest.Refusal(Reason.NOT_AUTHORIZED, (byte) 5, "not authorized to connect"));
        return;
      }
      ClientConnection previous = broker.connections().put(request.clientId(), this);
      if (previous != null && previous != this) {
        previous.sessionTakenOver(Long.MAX_VALUE);
      }
      broker.sessions().afterCatchUp(() -> ctx.runOnContext(x -> claimSession()));
    }));
  }

  private void refuse(boolean isV5, ConnectRequest.Refusal r) {
    byte code = isV5 ? r.v5Code() : r.v311Code();
    if (code != 0) {
      transport.write(Packets.connAck(code, false, isV5 && r.reason() != null
          ? Packets.reasonString(r.reason()) : MqttProperties.NO_PROPERTIES));
    }
    terminate(DisconnectReason.CLIENT_ERROR, false, null, null);
  }

  /** Claims the client id with the next epoch; resumes the stored session when the client asks for it. */
  private void claimSession() {
    if (state == State.CLOSED) {
      return;
    }
    long now = broker.now();
    SessionRecord existing = broker.sessions().get(request.clientId());
    boolean resume = existing != null && !request.cleanStart() && existing.persistent()
        && (existing.connected() || !existing.expiredAt(now))
        && (!broker.awsStrict() || (existing.protocolVersion() == 5) == v5());
    epoch = (existing == null ? 0 : existing.epoch()) + 1;
    Map<Integer, Long> saved = Map.of();
    if (resume) {
      subscriptions.putAll(existing.subscriptions());
      saved = existing.positions();
    }
    sessionExpirySeconds = request.sessionExpirySeconds();
    Map<Integer, Long> from = saved;
    broker.sessions().write(record(true, saved), err -> ctx.runOnContext(v -> afterClaim(err, resume, from)));
  }

  private void afterClaim(Exception err, boolean resumed, Map<Integer, Long> saved) {
    if (err != null) {
      refuse(v5(), new ConnectRequest.Refusal(Reason.SERVER_UNAVAILABLE, (byte) 3, "session store unavailable"));
      return;
    }
    claimed = true;
    broker.wills().cancel(request.clientId());
    if (state == State.CLOSED) {
      finishSession(Map.of());
      return;
    }
    if (resumed || sessionExpirySeconds > 0) {
      registeredWithFeed = true;
      broker.feed().register(this, Map.copyOf(subscriptions),
          live -> ctx.runOnContext(v -> connected(live, resumed, saved)));
    } else {
      connected(Map.of(), false, Map.of());
    }
  }

  private void connected(Map<Integer, Long> livePositions, boolean resumed, Map<Integer, Long> saved) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CONNECTED;
    positions.start(livePositions);
    int window = Math.min(broker.limits().maxInflightOutbound, request.receiveMaximum());
    outbound = new Outbound(new PublishSender(this), window, broker.limits().maxQueuedMessagesPerSession);
    inbound = new InboundPublishes(this);
    subs = new Subscriptions(this);
    transport.write(Packets.connAck(Reason.SUCCESS, resumed, v5() ? ConnAckProperties.of(this) : MqttProperties.NO_PROPERTIES));
    keepAlive = new KeepAlive(this, request.keepAliveSeconds());
    keepAlive.start();
    broker.lifecycle().connected(who(), transport.remoteAddress(), broker.now(), ctx);
    if (resumed) {
      positions.startReplay(this, saved, livePositions);
    }
    if (sessionExpirySeconds > 0) {
      checkpointTimer = broker.vertx().setPeriodic(5_000, id -> ctx.runOnContext(v -> checkpoint()));
    }
    List<MqttMessage> waiting = early;
    early = null;
    if (waiting != null) {
      for (MqttMessage m : waiting) {
        try {
          if (state == State.CONNECTED) {
            dispatch(m, m.fixedHeader().messageType());
          }
        } finally {
          ReferenceCountUtil.release(m);
        }
      }
    }
  }

  boolean v5() {
    return request != null && request.v5();
  }

  /** True while inbound reading is paused for backpressure. */
  boolean readingPaused() {
    return inbound != null && inbound.paused();
  }

  boolean isConnected() {
    return state == State.CONNECTED;
  }

  String clientIdOrEmpty() {
    return request == null ? "" : request.clientId();
  }

  LifecycleEvents.Who who() {
    return new LifecycleEvents.Who(request.clientId(), connectionId, principal == null ? "" : principal.id(), epoch);
  }

  SessionRecord record(boolean connected, Map<Integer, Long> pos) {
    return new SessionRecord(request.clientId(), epoch, broker.nodeId(), connectionId, connected, request.version(),
        sessionExpirySeconds, connected ? 0 : broker.now(), subscriptions, pos);
  }

  /** Persists a persistent session's subscriptions and positions while connected. */
  private void checkpoint() {
    if (state != State.CONNECTED || !positions.dirty()) {
      return;
    }
    broker.sessions().write(record(true, positions.watermark(outbound)), err -> { });
  }

  // ---- delivery (Subscriber) ---------------------------------------------------------------

  @Override
  public String clientId() {
    return clientIdOrEmpty();
  }

  @Override
  public void deliver(Delivery d) {
    post(d);
  }

  /** Hands a publish's Kafka acknowledgement over from the producer's thread. */
  void stored(InboundPublishes.Stored s) {
    post(s);
  }

  /**
   * Runs {@code reply} on this connection's context after the deliveries the feed handed over
   * before it (call on the feed thread, from a command's callback); not once the connection closed.
   */
  void afterFeed(Runnable reply) {
    post(new FeedReply(reply));
  }

  /** A reply to the client that waited for the feed to apply a subscription change. */
  private record FeedReply(Runnable reply) {}

  /** One event-loop task per burst of deliveries and acknowledgements, not one per message. */
  private void post(Object item) {
    mailbox.add(item);
    if (!mailboxScheduled.getAndSet(true)) {
      ctx.runOnContext(v -> drainMailbox());
    }
  }

  private void drainMailbox() {
    mailboxScheduled.set(false);
    Object item;
    boolean acks = false;
    while ((item = mailbox.poll()) != null) {
      if (item instanceof Delivery d) {
        onDelivery(d);
      } else if (item instanceof FeedReply r) {
        if (state == State.CONNECTED) {
          r.reply().run();
        }
      } else {
        inbound.onStored((InboundPublishes.Stored) item);
        acks = true;
      }
    }
    if (acks) {
      inbound.afterStored();
    }
  }

  private void onDelivery(Delivery d) {
    if (state != State.CONNECTED) {
      positions.undelivered(d);
      return;
    }
    positions.live(this, d);
  }

  /** Sends a delivery now, subject to expiry and the RECEIVE permission. */
  void send(Delivery d) {
    if (d.envelope().isExpired(broker.now())) {
      positions.delivered(d);
      return;
    }
    if (!broker.authorizer().allowed(principal, request.clientId(), Action.RECEIVE, d.envelope().topic())) {
      positions.delivered(d);
      return;
    }
    outbound.offer(d);
    positions.delivered(d);
  }

  // ---- ending ------------------------------------------------------------------------------

  private void onDisconnect(MqttMessage m) {
    boolean withWill = false;
    if (v5() && m.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader vh) {
      withWill = vh.reasonCode() == Reason.DISCONNECT_WITH_WILL;
      Integer sei = MqttProps.integer(vh.properties(), MqttProperties.SESSION_EXPIRY_INTERVAL);
      if (sei != null) {
        long asked = Integer.toUnsignedLong(sei);
        if (sessionExpirySeconds == 0 && asked > 0) {
          protocolError("session expiry cannot be set at DISCONNECT when it was 0 at CONNECT");
          return;
        }
        sessionExpirySeconds = Math.min(asked, broker.limits().maxSessionExpirySeconds);
      }
    }
    terminate(DisconnectReason.CLIENT_INITIATED_DISCONNECT, withWill, null, null);
  }

  /** The socket closed without a DISCONNECT. */
  void onTransportClosed() {
    terminate(DisconnectReason.CONNECTION_LOST, true, null, null);
  }

  @Override
  public long epoch() {
    return epoch;
  }

  @Override
  public void sessionTakenOver(long newEpoch) {
    ctx.runOnContext(v -> {
      if (state == State.CLOSED || (newEpoch != Long.MAX_VALUE && newEpoch <= epoch)) {
        return;
      }
      takenOver = true;
      terminate(DisconnectReason.DUPLICATE_CLIENTID, true, Reason.SESSION_TAKEN_OVER, "another connection used this client id");
    });
  }

  @Override
  public void disconnectByApi(boolean cleanSession, boolean preventWill) {
    ctx.runOnContext(v -> {
      if (cleanSession) {
        sessionExpirySeconds = 0;
      }
      terminate(DisconnectReason.API_INITIATED_DISCONNECT, !preventWill, Reason.ADMINISTRATIVE_ACTION,
          "disconnected by the DeleteConnection API");
    });
  }

  @Override
  public void shutdown() {
    ctx.runOnContext(v -> terminate(DisconnectReason.SERVER_INITIATED_DISCONNECT, true, Reason.SERVER_SHUTTING_DOWN,
        "server shutting down"));
  }

  /**
   * Ends the connection, once: sends MQTT 5 DISCONNECT when {@code code} is set, closes the
   * socket, reports the lifecycle event, schedules the will and stores the session's final state.
   */
  void terminate(DisconnectReason reason, boolean publishWill, Byte code, String reasonString) {
    if (state == State.CLOSED) {
      return;
    }
    State previous = state;
    state = State.CLOSED;
    broker.vertx().cancelTimer(connectTimer);
    if (keepAlive != null) {
      keepAlive.cancel();
    }
    if (checkpointTimer >= 0) {
      broker.vertx().cancelTimer(checkpointTimer);
    }
    positions.cancelReplay();
    if (early != null) {
      early.forEach(ReferenceCountUtil::release);
      early = null;
    }
    if (code != null && v5() && previous != State.AWAIT_CONNECT) {
      transport.write(Packets.disconnect(code, request.problemInfo() ? reasonString : null));
    }
    transport.close();
    if (request == null) {
      return;
    }
    broker.connections().remove(request.clientId(), this);
    if (previous == State.CONNECTED) {
      broker.lifecycle().disconnected(who(), reason, broker.now(), ctx);
      if (publishWill && request.will() != null) {
        long delay = Math.min(request.will().delaySeconds(), sessionExpirySeconds);
        broker.wills().schedule(request.clientId(), Wills.envelope(this), delay * 1000, ctx);
      }
    }
    if (!claimed) {
      return;
    }
    // Always leave the feed: a clean session may hold subscriptions without having registered.
    broker.feed().unregister(this, end -> ctx.runOnContext(v -> finishSession(registeredWithFeed ? end : Map.of())));
  }

  /** Stores the session as disconnected (positions for a persistent one), unless it was taken over. */
  private void finishSession(Map<Integer, Long> routedUntil) {
    if (takenOver) {
      return;
    }
    SessionRecord current = broker.sessions().get(request.clientId());
    if (current != null && current.epoch() > epoch) {
      return; // claimed elsewhere meanwhile: the newer owner's record stands
    }
    Map<Integer, Long> pos = sessionExpirySeconds > 0 ? positions.finalWatermark(outbound, routedUntil) : Map.of();
    broker.sessions().write(record(false, pos), err -> { });
  }
}
