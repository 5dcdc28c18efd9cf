package io.tributary.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Opens and closes the harness's MQTT connections: a bounded number of handshakes at a time,
 * optionally paced, and spread over loopback source addresses (127.0.0.2, .3, ...) when the broker
 * is on loopback, so that more than one address's worth of ephemeral ports can be used.
 */
final class Fleet implements AutoCloseable {

  /** Connections one loopback source address can carry comfortably (ephemeral ports ~28k). */
  static final int CONNECTIONS_PER_SOURCE_ADDRESS = 20_000;
  private static final int PARALLEL_HANDSHAKES = 256;

  private final Vertx vertx;
  private final LoadSettings settings;
  private final Map<String, NetClient> nets = new HashMap<>();
  private final List<BenchClient> all = new ArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
  private final AtomicInteger open = new AtomicInteger();

  Fleet(Vertx vertx, LoadSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
  }

  /**
   * Connects {@code count} clients with ids {@code prefix0..}, returns them by index (null where a
   * connection failed). With {@code perSecond > 0} new connections are paced at that rate.
   */
  BenchClient[] connect(String prefix, int count, int perSecond) throws InterruptedException {
    AtomicReferenceArray<BenchClient> clients = new AtomicReferenceArray<>(count);
    Semaphore slots = new Semaphore(PARALLEL_HANDSHAKES);
    long start = System.nanoTime();
    int addresses = sourceAddresses(count);
    for (int i = 0; i < count; i++) {
      if (perSecond > 0) {
        long due = start + (long) (i * 1e9 / perSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
      }
      slots.acquire();
      int index = i;
      Future<BenchClient> f = BenchClient.connect(vertx, net(i, addresses), settings.host, settings.port,
          prefix + i, settings.keepAlive);
      f.onComplete(ar -> {
        if (ar.succeeded()) {
          clients.set(index, ar.result());
          open.incrementAndGet();
          ar.result().listener(new BenchClient.Listener() {
            @Override
            public void onClose() {
              open.decrementAndGet();
            }
          });
        } else {
          failures.incrementAndGet();
          firstFailure.compareAndSet(null, ar.cause());
        }
        slots.release();
      });
    }
    slots.acquire(PARALLEL_HANDSHAKES);
    slots.release(PARALLEL_HANDSHAKES);
    BenchClient[] result = new BenchClient[count];
    for (int i = 0; i < count; i++) {
      result[i] = clients.get(i);
      if (result[i] != null) {
        synchronized (all) {
          all.add(result[i]);
        }
      }
    }
    return result;
  }

  /** Like {@link #connect} but fails on the first refused connection. */
  BenchClient[] connectAll(String prefix, int count) throws InterruptedException {
    BenchClient[] clients = connect(prefix, count, 0);
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " of " + count + " connections to " + settings.host + ":"
          + settings.port + " failed; first: " + firstFailure.get().getMessage(), firstFailure.get());
    }
    return clients;
  }

  int failures() {
    return failures.get();
  }

  Throwable firstFailure() {
    return firstFailure.get();
  }

  /**
   * Connections currently open (connected and not closed since), as long as no scenario has replaced
   * the clients' listener; the connections scenario keeps it.
   */
  int open() {
    return open.get();
  }

  private int sourceAddresses(int count) {
    if (!settings.host.startsWith("127.")) {
      return 0;
    }
    if (settings.sourceAddresses > 0) {
      return Math.min(settings.sourceAddresses, 250);
    }
    return count > CONNECTIONS_PER_SOURCE_ADDRESS
        ? Math.min(250, (count + CONNECTIONS_PER_SOURCE_ADDRESS - 1) / CONNECTIONS_PER_SOURCE_ADDRESS) : 0;
  }

  private NetClient net(int index, int addresses) {
    String local = addresses == 0 ? "" : "127.0.0." + (2 + index % addresses);
    return nets.computeIfAbsent(local, address -> {
      NetClientOptions options = new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(30_000)
          .setReconnectAttempts(0);
      if (!address.isEmpty()) {
        options.setLocalAddress(address);
      }
      return vertx.createNetClient(options);
    });
  }

  /** Disconnects every client opened so far and waits (bounded) for the sockets to close. */
  @Override
  public void close() {
    List<Future<Void>> closing = new ArrayList<>();
    synchronized (all) {
      for (BenchClient c : all) {
        Future<Void> f = Future.future(p -> c.context().runOnContext(v -> c.close().onComplete(ar -> p.complete())));
        closing.add(f);
      }
      all.clear();
    }
    try {
      Future.join(closing).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Sockets still closing after 30 s are left to Vert.x's own shutdown.
    }
  }
}
