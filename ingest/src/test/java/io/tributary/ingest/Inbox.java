package io.tributary.ingest;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads what a subscriber received up to a marker message. The broker keeps each publisher's
 * messages in order, so once a marker published last by the same client has arrived, every
 * earlier message that was going to arrive has arrived: "nothing else came" needs no waiting.
 */
final class Inbox {
  private Inbox() {}

  /** Messages received before the one on {@code markerTopic}; fails when the marker does not come in time. */
  static List<Mqtt5Publish> until(Mqtt5BlockingClient.Mqtt5Publishes publishes, String markerTopic, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Mqtt5Publish> got = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      Optional<Mqtt5Publish> p = publishes.receive(Math.max(1, left), TimeUnit.NANOSECONDS);
      if (p.isEmpty()) {
        throw new AssertionError("marker " + markerTopic + " not received within " + timeout + "; got " + topics(got));
      }
      if (p.get().getTopic().toString().equals(markerTopic)) {
        return got;
      }
      got.add(p.get());
    }
  }

  static List<String> topicsUntil(Mqtt5BlockingClient.Mqtt5Publishes publishes, String markerTopic)
      throws InterruptedException {
    return topics(until(publishes, markerTopic, Duration.ofSeconds(10)));
  }

  static List<String> topics(List<Mqtt5Publish> ps) {
    return ps.stream().map(p -> p.getTopic().toString()).toList();
  }
}
