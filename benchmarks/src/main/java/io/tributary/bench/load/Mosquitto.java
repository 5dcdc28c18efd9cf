package io.tributary.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto as the reference MQTT broker: started on a free loopback port with
 * persistence off and the per-client limits that would otherwise drop QoS 1 messages raised
 * (unlimited in-flight and queued messages and bytes). {@code benchmarks/compare.sh} installs the
 * package when it is missing.
 */
final class Mosquitto implements AutoCloseable {

  private static final List<String> CANDIDATES = List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto",
      "/usr/local/sbin/mosquitto");

  private final Process process;
  private final int port;
  private final Path dir;

  private Mosquitto(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** The mosquitto executable to use, or null when none is installed. */
  static Path find(String configured) {
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured);
      return Files.isExecutable(p) ? p : null;
    }
    for (String c : CANDIDATES) {
      if (Files.isExecutable(Path.of(c))) {
        return Path.of(c);
      }
    }
    return null;
  }

  static Mosquitto start(Path executable) throws IOException, InterruptedException {
    return start(executable, 0);
  }

  /** {@code niceness}: run it under {@code nice -n niceness} (0: as this process runs). */
  static Mosquitto start(Path executable, int niceness) throws IOException, InterruptedException {
    int port = freePort();
    Path dir = Files.createTempDirectory("bench-mosquitto");
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(conf, String.join("\n",
        "listener " + port + " 127.0.0.1",
        "allow_anonymous true",
        "persistence false",
        "max_inflight_messages 0",
        "max_inflight_bytes 0",
        "max_queued_messages 0",
        "max_queued_bytes 0",
        "max_connections -1",
        "set_tcp_nodelay true",
        "log_dest stderr",
        "log_type error",
        "log_type warning",
        ""));
    List<String> command = new ArrayList<>();
    if (niceness != 0) {
      command.addAll(List.of("nice", "-n", Integer.toString(niceness))); // nice execs it: the pid stays
    }
    command.addAll(List.of(executable.toString(), "-c", conf.toString()));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    Mosquitto m = new Mosquitto(process, port, dir);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("mosquitto exited with " + process.exitValue() + "; see " + dir.resolve("mosquitto.log"));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return m;
      } catch (IOException notYet) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
    }
    m.close();
    throw new IOException("mosquitto did not listen on port " + port + " within 10 s");
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Stops mosquitto and removes its configuration and log. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }
}
