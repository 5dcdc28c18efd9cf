package io.tributary.ingest.auth;

import io.vertx.core.Future;

/** Decides who a client is. May complete asynchronously (an external authorizer, a registry lookup). */
public interface Authenticator {
  Future<AuthResult> authenticate(ConnectInfo info);
}
