package io.tributary.ingest.broker;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connections on this node by client id. Touched at CONNECT and disconnect only, never per message.
 */
public final class ConnectionRegistry {
  private final Map<String, ClientConnection> byClientId = new ConcurrentHashMap<>();

  /** Registers {@code c}; returns the connection it replaces, or null. */
  public ClientConnection put(String clientId, ClientConnection c) {
    return byClientId.put(clientId, c);
  }

  public ClientConnection get(String clientId) {
    return byClientId.get(clientId);
  }

  /** Removes the entry only if it is still {@code c}. */
  public boolean remove(String clientId, ClientConnection c) {
    return byClientId.remove(clientId, c);
  }

  public Collection<ClientConnection> all() {
    return byClientId.values();
  }

  public int size() {
    return byClientId.size();
  }
}
