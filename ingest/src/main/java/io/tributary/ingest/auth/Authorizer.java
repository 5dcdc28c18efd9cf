package io.tributary.ingest.auth;

/**
 * Decides whether a principal may perform an action on a resource. Called on the connection's
 * event loop for every PUBLISH, SUBSCRIBE and delivery: must not block.
 */
public interface Authorizer {
  boolean allowed(Principal principal, String clientId, Action action, String resource);
}
