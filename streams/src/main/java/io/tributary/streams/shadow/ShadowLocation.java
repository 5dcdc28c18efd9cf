package io.tributary.streams.shadow;

import java.util.Optional;

/**
 * Where a thing's shadows are served: by this instance, by another one (its
 * {@code application.server}), or nowhere right now (the job is starting or rebalancing).
 *
 * @param kind      local, remote or unavailable
 * @param host      the owning instance's {@code host:port} when remote
 * @param partition the store partition holding the thing, -1 when unavailable
 */
public record ShadowLocation(Kind kind, Optional<String> host, int partition) {

  /** Who serves. */
  public enum Kind { LOCAL, REMOTE, UNAVAILABLE }

  public static final ShadowLocation UNAVAILABLE = new ShadowLocation(Kind.UNAVAILABLE, Optional.empty(), -1);

  public boolean isLocal() {
    return kind == Kind.LOCAL;
  }
}
