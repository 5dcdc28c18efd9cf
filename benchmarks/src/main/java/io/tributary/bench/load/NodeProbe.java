package io.tributary.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and memory of the broker process, read from {@code /proc/PID/stat} (user + system
 * time, in clock ticks of 1/100 s, Linux's USER_HZ) and {@code /proc/PID/status} (VmRSS, VmHWM,
 * Threads).
 */
final class NodeProbe {

  private static final double TICKS_PER_SECOND = 100.0;

  private final long pid;

  private NodeProbe(long pid) {
    this.pid = pid;
  }

  /** A probe of {@code pid}, or null when it is 0 or its /proc entry cannot be read. */
  static NodeProbe of(long pid) {
    if (pid <= 0 || !Files.isReadable(Path.of("/proc", Long.toString(pid), "stat"))) {
      return null;
    }
    return new NodeProbe(pid);
  }

  long pid() {
    return pid;
  }

  /** The process's counters now, or null when it has gone. */
  Usage sample() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
      long rss = 0;
      long hwm = 0;
      int threads = 0;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kilobytes(line);
        } else if (line.startsWith("VmHWM:")) {
          hwm = kilobytes(line);
        } else if (line.startsWith("Threads:")) {
          threads = Integer.parseInt(line.substring(8).trim());
        }
      }
      return new Usage(System.nanoTime(), ticks / TICKS_PER_SECOND, rss, hwm, threads);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long kilobytes(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  /**
   * One sample: CPU seconds used so far, resident and peak resident memory in KiB, thread count.
   */
  record Usage(long atNanos, double cpuSeconds, long rssKb, long peakRssKb, int threads) {
    /** CPU use between {@code earlier} and this sample, in percent of one core. */
    double cpuPercentSince(Usage earlier) {
      double wall = (atNanos - earlier.atNanos) / 1e9;
      return wall <= 0 ? 0 : 100.0 * (cpuSeconds - earlier.cpuSeconds) / wall;
    }
  }
}
