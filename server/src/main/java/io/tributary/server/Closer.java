package io.tributary.server;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Resources closed in the reverse order of their registration; one failure does not stop the rest. */
final class Closer {
  private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

  /** Something to stop, named for the log. */
  interface Step {
    void run() throws Exception;
  }

  private record Named(String name, Step step) {}

  private final Deque<Named> steps = new ArrayDeque<>();

  void register(String name, Step step) {
    steps.push(new Named(name, step));
  }

  /** Runs every registered step, last registered first, and forgets them. */
  void closeAll() {
    while (!steps.isEmpty()) {
      Named next = steps.pop();
      long started = System.nanoTime();
      try {
        next.step().run();
        LOG.debug("Stopped {} in {} ms", next.name(), (System.nanoTime() - started) / 1_000_000);
      } catch (Exception e) {
        LOG.warn("Stopping {} failed", next.name(), e);
      }
    }
  }
}
