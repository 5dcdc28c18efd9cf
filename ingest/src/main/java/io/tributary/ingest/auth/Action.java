package io.tributary.ingest.auth;

/** Actions checked by {@link Authorizer}, named after AWS IoT policy actions. */
public enum Action {
  /** {@code iot:Connect}, resource: client id. */
  CONNECT,
  /** {@code iot:Publish}, resource: topic. */
  PUBLISH,
  /** {@code iot:Subscribe}, resource: topic filter. */
  SUBSCRIBE,
  /** {@code iot:Receive}, resource: topic, checked at delivery. */
  RECEIVE,
  /** {@code iot:RetainPublish}, resource: topic. */
  RETAIN_PUBLISH,
  /** {@code iot:GetThingShadow} over REST, resource: thing name. */
  GET_THING_SHADOW,
  /** {@code iot:UpdateThingShadow} over REST, resource: thing name. */
  UPDATE_THING_SHADOW,
  /** {@code iot:DeleteThingShadow} over REST, resource: thing name. */
  DELETE_THING_SHADOW,
  /** {@code iot:ListNamedShadowsForThing}, resource: thing name. */
  LIST_NAMED_SHADOWS
}
