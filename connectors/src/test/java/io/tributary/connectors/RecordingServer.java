package io.tributary.connectors;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingDeque;

/** A JDK HTTP server on 127.0.0.1:0 that records requests and answers scripted status codes (then 200). */
final class RecordingServer implements AutoCloseable {
  record Request(String path, Map<String, List<String>> headers, byte[] body) {}

  final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
  private final LinkedBlockingDeque<Integer> statuses = new LinkedBlockingDeque<>();
  private final HttpServer server;

  RecordingServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      requests.add(new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(),
          exchange.getRequestBody().readAllBytes()));
      Integer status = statuses.poll();
      exchange.sendResponseHeaders(status == null ? 200 : status, -1);
      exchange.close();
    });
    server.start();
  }

  /** The next requests are answered with these statuses, in order. */
  void answer(Integer... codes) {
    statuses.addAll(List.of(codes));
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
