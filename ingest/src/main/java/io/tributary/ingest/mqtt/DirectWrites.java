package io.tributary.ingest.mqtt;

import io.vertx.core.internal.net.NetSocketInternal;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets an MQTT socket write straight to its Netty channel instead of through Vert.x's
 * any-thread outbound queue, which costs every connection, idle or not, about 4.7 KB of heap: a
 * JCTools MPSC queue (576 bytes of padding against false sharing) whose first 1,024-slot chunk
 * (4 KB) is allocated up front. That queue exists so that any thread may write to a socket; an
 * {@link MqttConnection} writes only on its socket's event loop, so the direct variant, which Vert.x
 * itself uses for HTTP/1.1 connections in strict thread mode, does the same job. Vert.x offers no
 * option for that on a NetSocket (5.0), so this swaps the field by reflection; when a later Vert.x
 * moves it, sockets keep the default queue and a warning says so once (a test fails too).
 */
final class DirectWrites {
  private static final Logger LOG = LoggerFactory.getLogger(DirectWrites.class);
  private static final Field QUEUE;
  private static final Constructor<?> DIRECT;

  static {
    Field queue = null;
    Constructor<?> direct = null;
    try {
      Class<?> connection = Class.forName("io.vertx.core.net.impl.VertxConnection");
      queue = connection.getDeclaredField("outboundMessageQueue");
      queue.setAccessible(true);
      direct = Class.forName("io.vertx.core.net.impl.VertxConnection$DirectOutboundMessageQueue")
          .getDeclaredConstructor(connection);
      direct.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("Vert.x's socket internals have changed; MQTT sockets keep Vert.x's outbound queue "
          + "(about 4.7 KB more heap per connection): {}", e.toString());
      queue = null;
      direct = null;
    }
    QUEUE = queue;
    DIRECT = direct;
  }

  private DirectWrites() {}

  /**
   * Switches a just-accepted socket, before anything was written to it, to direct writes. Must
   * run on the socket's event loop, and every later write must too. Returns whether it did.
   */
  static boolean apply(NetSocketInternal socket) {
    if (QUEUE == null || !QUEUE.getDeclaringClass().isInstance(socket)) {
      return false;
    }
    try {
      QUEUE.set(socket, DIRECT.newInstance(socket));
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
