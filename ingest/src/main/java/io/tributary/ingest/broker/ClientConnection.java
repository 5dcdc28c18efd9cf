package io.tributary.ingest.broker;

/** What the rest of the node may ask of a live client connection. Calls may come from any thread. */
public interface ClientConnection {
  String clientId();

  /** Epoch of the session claim this connection holds. */
  long epoch();

  /** Another connection, here or on another node, claimed the client id with a higher epoch. */
  void sessionTakenOver(long newEpoch);

  /** The DeleteConnection API: disconnect the client (publishing its will unless {@code preventWill}). */
  void disconnectByApi(boolean cleanSession, boolean preventWill);

  /** The node is shutting down. */
  void shutdown();
}
