package io.tributary.ingest.auth;

import io.vertx.core.Future;

/**
 * Development mode: every client is accepted as {@link Principal#ANONYMOUS} and may do anything.
 * The server only installs it when the node runs in dev mode, which binds every listener to
 * loopback.
 */
public final class DevModeSecurity implements Authenticator, Authorizer {
  public static final DevModeSecurity INSTANCE = new DevModeSecurity();

  private DevModeSecurity() {}

  @Override
  public Future<AuthResult> authenticate(ConnectInfo info) {
    return Future.succeededFuture(AuthResult.allow(Principal.ANONYMOUS));
  }

  @Override
  public boolean allowed(Principal principal, String clientId, Action action, String resource) {
    return true;
  }
}
