package io.tributary.server;

import java.util.List;

/** The start-up banner: who this node is, how it runs, and where clients reach it. */
final class Banner {
  /** One bound listener: {@code MQTT  mqtt://127.0.0.1:1883}. */
  record Listener(String name, String scheme, String host, int port, String note) {
    String url() {
      return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  private static final String RULE = "=".repeat(78);

  private Banner() {}

  static String render(String nodeId, boolean dev, String profile, String dataDir, String kafka,
                       List<Listener> listeners, String tls, long startMillis) {
    StringBuilder out = new StringBuilder(1024).append('\n').append(RULE).append('\n');
    line(out, "Tributary " + Version.current() + " node " + nodeId + " started in " + startMillis + " ms");
    line(out, "Mode:      " + (dev ? "DEVELOPMENT (--dev)" : "secure"));
    line(out, "Profile:   " + profile);
    line(out, "Data:      " + dataDir);
    line(out, "Kafka:     " + kafka);
    line(out, "TLS:       " + tls);
    line(out, "Listeners:");
    for (Listener l : listeners) {
      line(out, String.format("  %-15s %-30s %s", l.name(), l.url(), l.note()).stripTrailing());
    }
    if (dev) {
      out.append(RULE).append('\n');
      line(out, "!! DEV MODE: ANONYMOUS CLIENTS ARE ACCEPTED - there is NO authentication.");
      line(out, "!! Every listener is bound to 127.0.0.1 (loopback) only; other machines");
      line(out, "!! cannot connect. Do not use this mode for real devices.");
    }
    return out.append(RULE).toString();
  }

  private static void line(StringBuilder out, String text) {
    out.append(' ').append(text).append('\n');
  }
}
