package io.tributary.streams.shadow;

import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.Mqtt5Properties;
import io.tributary.core.envelope.Mqtt5Properties.UserProperty;
import io.tributary.core.topic.InternalTopics;
import io.tributary.shadow.RestResponse;
import io.tributary.shadow.ShadowRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a REST update or delete travels through the shadow job, so that it is serialized with the
 * MQTT requests of the same shadow. The node publishes the request on the shadow's request topic
 * with origin {@code HTTP}, the client id {@link #CLIENT_ID} (the HTTP publish API always writes an
 * empty client id and MQTT writes origin {@code MQTT}, so no client can forge it) and, as MQTT 5
 * response topic, a reply topic under {@code $tributary/replies/{nodeId}/}. The job answers there
 * with the REST response: the body as payload, status and error type as user properties.
 */
public final class RestEnvelopes {
  /** The client id of REST requests. */
  public static final String CLIENT_ID = "$tributary-rest";
  /** The user property carrying the HTTP status of a reply. */
  public static final String STATUS = "status";
  /** The user property carrying the {@code x-amzn-ErrorType} of an error reply. */
  public static final String ERROR_TYPE = "x-amzn-ErrorType";

  private static final String REPLIES = InternalTopics.ROOT + "/replies/";

  private RestEnvelopes() {}

  /** The filter a node subscribes to for the replies to its REST requests. */
  public static String replyFilter(String nodeId) {
    return REPLIES + level(nodeId) + "/#";
  }

  /** The reply topic of one request. */
  public static String replyTopic(String nodeId, String requestId) {
    return REPLIES + level(nodeId) + "/" + level(requestId);
  }

  /** The request id, last level of a reply topic. */
  public static String requestId(String replyTopic) {
    return replyTopic.substring(replyTopic.lastIndexOf('/') + 1);
  }

  /**
   * The envelope of a REST request, to publish through the gateway (which also writes it to the
   * shadow-requests topic, as for any shadow request).
   *
   * @param request    the shadow request (its topic and body)
   * @param replyTopic from {@link #replyTopic}
   * @param principal  the caller's principal, or null
   * @param nodeId     this node
   * @param nowMillis  when the call was received
   * @param traceId    the call's request id, carried into every message it causes
   */
  public static Envelope request(ShadowRequest request, String replyTopic, String principal, String nodeId,
      long nowMillis, String traceId) {
    Mqtt5Properties properties = new Mqtt5Properties(null, null, replyTopic, null, null, List.of());
    return new Envelope(request.topic(), request.payload(), 1, false, CLIENT_ID, principal, null, nowMillis,
        Envelope.Origin.HTTP, properties, nodeId, traceId);
  }

  /** True if {@code envelope} is a REST request published by a node (see the class comment). */
  public static boolean isRequest(Envelope envelope) {
    String reply = envelope.properties().responseTopic();
    return envelope.origin() == Envelope.Origin.HTTP && CLIENT_ID.equals(envelope.clientId())
        && reply != null && reply.startsWith(REPLIES);
  }

  /** The reply to {@code request}, carrying {@code response}; the job publishes it. */
  public static Envelope reply(Envelope request, RestResponse response, String nodeId, long nowMillis) {
    List<UserProperty> properties = new ArrayList<>();
    properties.add(new UserProperty(STATUS, Integer.toString(response.status())));
    response.errorType().ifPresent(type -> properties.add(new UserProperty(ERROR_TYPE, type)));
    Mqtt5Properties props = new Mqtt5Properties("application/json", 1, null, null, null, properties);
    return new Envelope(request.properties().responseTopic(), response.body(), 1, false, ShadowJob.CLIENT_ID,
        request.principal(), request.thingName(), nowMillis, Envelope.Origin.SHADOW, props, nodeId,
        request.traceId());
  }

  /** Reads a reply envelope back into status, error type and body. */
  public static Reply readReply(Envelope reply) {
    int status = 500;
    Optional<String> errorType = Optional.empty();
    for (UserProperty p : reply.properties().userProperties()) {
      if (STATUS.equals(p.key())) {
        status = Integer.parseInt(p.value());
      } else if (ERROR_TYPE.equals(p.key())) {
        errorType = Optional.of(p.value());
      }
    }
    return new Reply(status, errorType, reply.payload());
  }

  /**
   * A REST answer as received by the node.
   *
   * @param status    HTTP status
   * @param errorType {@code x-amzn-ErrorType} for errors
   * @param body      JSON body
   */
  public record Reply(int status, Optional<String> errorType, byte[] body) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static String level(String id) {
    StringBuilder out = new StringBuilder(id.length());
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      out.append(c == '/' || c == '+' || c == '#' || c == '$' || Character.isISOControl(c) ? '_' : c);
    }
    return out.toString();
  }
}
