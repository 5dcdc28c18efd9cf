package io.tributary.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The swap of Vert.x's outbound queue still finds the field it replaces (a Vert.x upgrade that
 * moves it fails here rather than silently costing every connection 4.7 KB), and a switched socket
 * still writes, reports its write queue and closes.
 */
class DirectWritesTest {
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void switchedSocketEchoesAndCloses() throws Exception {
    CompletableFuture<Boolean> applied = new CompletableFuture<>();
    CompletableFuture<Boolean> queueFull = new CompletableFuture<>();
    NetServer server = vertx.createNetServer().connectHandler(so -> {
      applied.complete(DirectWrites.apply((NetSocketInternal) so));
      queueFull.complete(so.writeQueueFull());
      so.handler(data -> so.write(Buffer.buffer("echo:").appendBuffer(data)).onComplete(ar -> so.close()));
    });
    int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
        .actualPort();

    NetSocket client = vertx.createNetClient().connect(port, "127.0.0.1").toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    Buffer received = Buffer.buffer();
    CompletableFuture<String> closed = new CompletableFuture<>();
    client.handler(received::appendBuffer);
    client.closeHandler(v -> closed.complete(received.toString()));
    client.write("hello");

    assertThat(applied.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(queueFull.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo("echo:hello");
  }
}
