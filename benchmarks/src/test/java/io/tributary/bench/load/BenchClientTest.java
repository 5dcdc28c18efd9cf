package io.tributary.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator's own MQTT framing against a scripted server over a real socket: the
 * PUBLISH bytes it writes, and the frames it reads when they arrive split across reads or several
 * in one.
 */
class BenchClientTest {
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
  void writesPublishPacketsAndReadsSplitAndCoalescedFrames() throws Exception {
    Buffer received = Buffer.buffer();
    CompletableFuture<NetSocket> serverSide = new CompletableFuture<>();
    CompletableFuture<Void> clientAcked = new CompletableFuture<>();
    NetServer server = vertx.createNetServer().connectHandler(so -> {
      serverSide.complete(so);
      so.handler(data -> {
        synchronized (received) { // read by the test's thread too
          received.appendBuffer(data);
        }
        if (received.length() > 0 && (received.getByte(0) & 0xF0) == 0x10) {
          received.setByte(0, (byte) 0); // CONNECT seen: answer with a CONNACK in two pieces
          so.write(Buffer.buffer(new byte[] {0x20}));
          vertx.setTimer(50, t -> so.write(Buffer.buffer(new byte[] {0x02, 0x00, 0x00})));
        }
        if (indexOf(received, new byte[] {0x40, 0x02, 0x00, 0x07}) >= 0) {
          clientAcked.complete(null);
        }
      });
    });
    int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
        .actualPort();

    BenchClient client = BenchClient.connect(vertx, vertx.createNetClient(), "127.0.0.1", port, "bench-test", 0)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    List<Integer> pubAcks = new CopyOnWriteArrayList<>();
    CompletableFuture<String> message = new CompletableFuture<>();
    client.listener(new BenchClient.Listener() {
      @Override
      public void onPubAck(int packetId) {
        pubAcks.add(packetId);
      }

      @Override
      public void onMessage(String topic, ByteBuf payload) {
        message.complete(topic + " " + payload.readableBytes() + " " + payload.getByte(payload.readerIndex() + 199));
      }
    });

    // A QoS 1 publish with a 200-byte payload: a two-byte remaining length (2 + 5 + 2 + 200 = 209).
    byte[] payload = new byte[200];
    payload[199] = 42;
    int before = length(received);
    CompletableFuture<Void> sent = new CompletableFuture<>();
    client.context().runOnContext(v -> {
      ByteBuf body = Unpooled.wrappedBuffer(payload);
      client.publish("a/b/c", body, 1, 300);
      assertThat(body.refCnt()).isEqualTo(1); // copied, not taken
      sent.complete(null);
    });
    sent.get(10, TimeUnit.SECONDS);
    byte[] expected = new byte[3 + 209];
    expected[0] = 0x32;
    expected[1] = (byte) (209 & 0x7F | 0x80);
    expected[2] = (byte) (209 >> 7);
    byte[] head = {0x00, 0x05, 'a', '/', 'b', '/', 'c', 0x01, 0x2C};
    System.arraycopy(head, 0, expected, 3, head.length);
    System.arraycopy(payload, 0, expected, 3 + head.length, payload.length);
    await().atMost(10, TimeUnit.SECONDS).until(() -> length(received) >= before + expected.length);
    synchronized (received) {
      assertThat(received.getBytes(before, before + expected.length)).isEqualTo(expected);
    }

    // Three PUBACKs in one write, then a QoS 1 PUBLISH to the client split inside its topic.
    NetSocket so = serverSide.get(10, TimeUnit.SECONDS);
    so.write(Buffer.buffer(new byte[] {0x40, 0x02, 0x01, 0x2C, 0x40, 0x02, 0x00, 0x01, 0x40, 0x02, (byte) 0xFF, (byte) 0xFF}));
    Buffer publish = Buffer.buffer(new byte[] {0x32, (byte) (209 & 0x7F | 0x80), (byte) (209 >> 7)})
        .appendBytes(new byte[] {0x00, 0x05}).appendString("x/y/z", "UTF-8").appendBytes(new byte[] {0x00, 0x07})
        .appendBytes(payload);
    so.write(publish.getBuffer(0, 6));
    vertx.setTimer(50, t -> so.write(publish.getBuffer(6, publish.length())));

    assertThat(message.get(10, TimeUnit.SECONDS)).isEqualTo("x/y/z 200 42");
    await().atMost(10, TimeUnit.SECONDS).until(() -> pubAcks.size() == 3);
    assertThat(pubAcks).containsExactly(300, 1, 65535);
    clientAcked.get(10, TimeUnit.SECONDS); // the client acknowledged packet 7
  }

  /**
   * A QoS 0 flood writes what the socket takes and no more: with the server not reading, the
   * publisher stops once the kernel's buffers and the channel's high-water mark are full, and goes on
   * when the server reads again. (Counting writes Vert.x's queue never saw as room, it once piled
   * up gigabytes of packets in the generator's heap.)
   */
  @Test
  void aQos0FloodWritesOnlyWhatTheSocketTakes_andGoesOnWhenTheServerReadsAgain() throws Exception {
    CompletableFuture<NetSocket> serverSide = new CompletableFuture<>();
    NetServer server = vertx.createNetServer().connectHandler(so -> so.handler(data -> {
      if (!serverSide.isDone()) { // the CONNECT: accept it, then stop reading
        so.write(Buffer.buffer(new byte[] {0x20, 0x02, 0x00, 0x00}));
        so.pause();
        serverSide.complete(so);
      }
    }));
    int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
        .actualPort();
    BenchClient client = BenchClient.connect(vertx, vertx.createNetClient(), "127.0.0.1", port, "bench-flood", 0)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    LoadSettings settings = new LoadSettings();
    settings.qos = 0;
    settings.payload = 100;
    PublishLoop loop = new PublishLoop(client, 0, seq -> "flood/0", settings, 0,
        System.nanoTime() + TimeUnit.SECONDS.toNanos(60), new Metrics(), false);
    loop.start();

    int packetBytes = 2 + 2 + "flood/0".length() + Payloads.size(100);
    long bound = 32L * 1024 * 1024 / packetBytes; // what the kernel's buffers can hold, and then some
    long[] last = {-1};
    await().atMost(30, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS).until(() -> {
      long now = loop.published();
      assertThat(now).isLessThan(bound);
      boolean stalled = now > 0 && now == last[0];
      last[0] = now;
      return stalled;
    });
    long stalled = loop.published();

    serverSide.get(10, TimeUnit.SECONDS).resume();
    await().atMost(30, TimeUnit.SECONDS).until(() -> loop.published() > stalled + 100_000);
  }

  private static int length(Buffer b) {
    synchronized (b) {
      return b.length();
    }
  }

  private static int indexOf(Buffer haystack, byte[] needle) {
    byte[] h = haystack.getBytes();
    outer:
    for (int i = 0; i + needle.length <= h.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (h[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
