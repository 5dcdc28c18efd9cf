package io.tributary.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The node id: configured, or generated once and kept in {@code <dataDir>/node-id}. */
final class NodeIdentity {
  static final String FILE = "node-id";

  private NodeIdentity() {}

  /** This machine's name as other nodes should reach it, for a listener bound to every interface. */
  static String advertisedHost() {
    try {
      return java.net.InetAddress.getLocalHost().getCanonicalHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  static String resolve(String configured, Path dataDir) {
    if (configured != null && !configured.isBlank()) {
      return configured.trim();
    }
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.isRegularFile(file)) {
        String kept = Files.readString(file).trim();
        if (!kept.isEmpty()) {
          return kept;
        }
      }
      byte[] random = new byte[4];
      new SecureRandom().nextBytes(random);
      String id = "node-" + HexFormat.of().formatHex(random);
      Files.createDirectories(dataDir);
      Files.writeString(file, id + "\n");
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the node id in " + file, e);
    }
  }
}
