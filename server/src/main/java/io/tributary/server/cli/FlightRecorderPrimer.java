package io.tributary.server.cli;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readies the JVM's flight recorder at start-up, recording nothing, so that a profile taken later
 * ({@code jcmd <pid> JFR.start}) does not stall the node.
 *
 * <p>On Java 17 the first recording of a JVM's life throws away all JIT-compiled code: it turns on
 * the JVMTI class retransformation that JFR needs, for which compiled code recorded no dependencies
 * (JDK-8324241, fixed in Java 23, not in 17). Started with {@code jcmd JFR.start} on a node taking
 * 133,000-200,000 QoS 1 publishes a second, the node fell to 500 a second and ran at 13,000-16,000
 * half a minute later: a profile taken that way shows the interpreter, not the node, and stalls
 * every client. With the recorder readied at start-up, while little is compiled, a later
 * {@code jcmd JFR.start} cost nothing visible.
 *
 * <p>Readied, not recording: a recording kept running from the start (JFR's {@code default}
 * settings, in memory) measured a higher latency at 5,000 msg/s (p50 2.7-3.7 ms against 2.1-3.0 ms
 * without, one node at a time) and a slower warm-up.
 */
final class FlightRecorderPrimer {

  private static final Logger LOG = LoggerFactory.getLogger(FlightRecorderPrimer.class);

  private FlightRecorderPrimer() {}

  /** Starts and closes an empty recording, which initialises the recorder. Never fails the node. */
  static void prime() {
    try {
      if (!FlightRecorder.isAvailable()) {
        LOG.info("flight recorder: not available in this JVM");
        return;
      }
      try (Recording empty = new Recording()) { // no events enabled: records nothing
        empty.start();
      }
      LOG.info("flight recorder: ready, recording nothing; to profile: jcmd {} JFR.start settings=profile "
          + "duration=60s filename=profile.jfr", ProcessHandle.current().pid());
    } catch (Exception | LinkageError e) {
      LOG.warn("flight recorder: cannot be readied ({}); a recording started later will first "
          + "discard the JIT-compiled code", e.toString());
    }
  }
}
