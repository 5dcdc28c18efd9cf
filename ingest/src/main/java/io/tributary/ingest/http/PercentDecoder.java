package io.tributary.ingest.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a URI path segment: {@code %XX} escapes become bytes (so {@code %2F} is a slash inside a
 * topic), UTF-8 throughout, and {@code +} stays a plus (it is a topic wildcard character, not a space).
 */
final class PercentDecoder {
  private PercentDecoder() {}

  /** Returns null when an escape is malformed. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] raw = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      byte b = raw[i];
      if (b != '%') {
        out.write(b);
        continue;
      }
      if (i + 2 >= raw.length) {
        return null;
      }
      int hi = Character.digit(raw[i + 1], 16);
      int lo = Character.digit(raw[i + 2], 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out.write((hi << 4) | lo);
      i += 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
