package io.tributary.server.shadow;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Sends a shadow read to the node that owns the thing (its {@code host:port} from the job's query
 * metadata) and relays the answer. The forwarded call carries {@link Calls#FORWARDED}: a node
 * never forwards it again, it answers 503 if it no longer owns the thing.
 */
final class Forwarder {
  private final HttpClient client;
  private final long timeoutMillis;

  Forwarder(Vertx vertx, long timeoutMillis) {
    this.client = vertx.createHttpClient();
    this.timeoutMillis = timeoutMillis;
  }

  void forward(RoutingContext rc, String hostAndPort, String requestId) {
    int colon = hostAndPort.lastIndexOf(':');
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setHost(hostAndPort.substring(0, colon))
        .setPort(Integer.parseInt(hostAndPort.substring(colon + 1)))
        .setURI(rc.request().uri())
        .setTimeout(timeoutMillis)
        .putHeader(Calls.FORWARDED, "1");
    client.request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> {
          Answers.send(rc, response.statusCode(), Optional.ofNullable(response.getHeader(Answers.ERROR_TYPE)), body,
              requestId);
          return null;
        }))
        .onFailure(error -> Answers.unavailable(rc, "the node serving this thing (" + hostAndPort
            + ") did not answer: " + error.getMessage(), requestId));
  }

  void close() {
    client.close();
  }
}
