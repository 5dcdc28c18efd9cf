package io.tributary.streams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.utils.Utils;

/** Scratch directories of the measurement mains, whose brokers write up to gigabytes. */
public final class RunDirectory {
  private RunDirectory() {}

  /** A new temporary directory, deleted with everything in it when the JVM exits. */
  public static Path deletedAtExit(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> Utils.closeQuietly(() -> Utils.delete(dir.toFile()), "the run's directory " + dir)));
    return dir;
  }
}
