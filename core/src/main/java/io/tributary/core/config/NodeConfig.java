package io.tributary.core.config;

/** Identity and mode of this node. */
public final class NodeConfig {
  /** Unique per node in a cluster; generated at start-up when absent. */
  public String id;
  /** Where the embedded Kafka log, Streams state and generated TLS material live. */
  public String dataDir = "./data";
  /** Dev mode: anonymous clients allowed, every listener bound to loopback only. */
  public boolean dev = false;
  /** {@code mqtt} follows the MQTT specification; {@code aws-strict} reproduces AWS IoT's deviations. */
  public Profile profile = Profile.MQTT;
  /**
   * Network I/O through Linux's epoll (Netty's native transport) where it is available; elsewhere,
   * or when false, Java NIO.
   */
  public boolean nativeTransport = true;
  /**
   * {@code tributary start} readies the JVM's flight recorder at start-up, recording nothing, so that
   * a profile taken later does not first discard all JIT-compiled code, as the first recording of a
   * Java 17 JVM's life does.
   */
  public boolean flightRecorder = true;
}
