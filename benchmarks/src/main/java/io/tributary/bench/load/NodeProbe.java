package io.tributary.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time and memory of the broker process, read from {@code /proc/PID/stat} (user + system
 * time, in clock ticks of 1/100 s, Linux's USER_HZ) and {@code /proc/PID/status} (VmRSS, VmHWM,
 * Threads); for a JVM broker also its live heap by class ({@code jcmd PID GC.class_histogram},
 * which runs a full GC first) and, when it runs with {@code -XX:NativeMemoryTracking=summary}, its
 * native memory ({@code jcmd PID VM.native_memory summary}).
 */
final class NodeProbe {

  private static final double TICKS_PER_SECOND = 100.0;
  /** {@code   1:   123456   7890123  [B (java.base@17)}: instances, bytes, class. */
  private static final Pattern HISTOGRAM_ROW = Pattern.compile("\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*");
  private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
  private static final Pattern NMT_HEAP = Pattern.compile("Java Heap \\(reserved=\\d+KB, committed=(\\d+)KB");

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

  /** The process's soft limit on open files, or -1 when unknown. */
  long openFileLimit() {
    return openFileLimit(Path.of("/proc", Long.toString(pid), "limits"));
  }

  /** The soft limit on open files in a {@code /proc/PID/limits} file, or -1 when unknown. */
  static long openFileLimit(Path limits) {
    try {
      for (String line : Files.readAllLines(limits)) {
        if (line.startsWith("Max open files")) {
          String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
          return "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
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

  /**
   * The live heap now, by class, after the full GC that {@code GC.class_histogram} runs; null when
   * the process is not a JVM jcmd can attach to (another user's, or not Java).
   */
  Heap heap() {
    String text = jcmd("GC.class_histogram");
    if (text == null) {
      return null;
    }
    Map<String, Long> bytes = new HashMap<>();
    Map<String, Long> instances = new HashMap<>();
    long total = -1;
    for (String line : text.split("\n")) {
      Matcher m = HISTOGRAM_ROW.matcher(line);
      if (m.matches()) {
        instances.merge(m.group(3), Long.parseLong(m.group(1)), Long::sum);
        bytes.merge(m.group(3), Long.parseLong(m.group(2)), Long::sum);
      } else if (line.startsWith("Total")) {
        String[] f = line.trim().split("\\s+");
        total = Long.parseLong(f[2]);
      }
    }
    return total < 0 ? null : new Heap(total, bytes, instances);
  }

  /**
   * Native memory committed outside the Java heap, in KiB, from Native Memory Tracking; -1 when
   * the process runs without {@code -XX:NativeMemoryTracking}.
   */
  long nativeNonHeapKb() {
    String text = jcmd("VM.native_memory", "summary");
    if (text == null) {
      return -1;
    }
    Matcher total = NMT_TOTAL.matcher(text);
    Matcher heap = NMT_HEAP.matcher(text);
    return total.find() && heap.find() ? Long.parseLong(total.group(1)) - Long.parseLong(heap.group(1)) : -1;
  }

  private String jcmd(String... command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> argv = new ArrayList<>();
    argv.add(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd");
    argv.add(Long.toString(pid));
    argv.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroy();
        return null;
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static long kilobytes(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  /** Live heap bytes in total, and bytes and instances by class name. */
  record Heap(long totalBytes, Map<String, Long> bytesByClass, Map<String, Long> instancesByClass) {
    /** Classes whose live bytes grew most since {@code earlier}, largest first. */
    List<Map.Entry<String, Long>> topGrowth(Heap earlier, int limit) {
      List<Map.Entry<String, Long>> growth = new ArrayList<>();
      bytesByClass.forEach((k, v) -> growth.add(Map.entry(k, v - earlier.bytesByClass.getOrDefault(k, 0L))));
      growth.sort(Map.Entry.<String, Long>comparingByValue().reversed());
      return growth.subList(0, Math.min(limit, growth.size()));
    }

    long instanceGrowth(Heap earlier, String cls) {
      return instancesByClass.getOrDefault(cls, 0L) - earlier.instancesByClass.getOrDefault(cls, 0L);
    }
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
