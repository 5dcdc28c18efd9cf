package io.tributary.streams.shadow.internal;

import io.tributary.shadow.ShadowId;

/**
 * Store keys: {@code thing/} for the classic shadow, {@code thing/shadow} for a
 * named one. A thing's shadows are adjacent in the store and share the prefix {@code thing/}, so
 * listing and counting them is a prefix scan. Thing names never contain {@code /}: they are one
 * topic level, and REST names are validated before they reach the job.
 */
public final class ShadowKeys {
  /** Separates the thing name from the shadow name. */
  public static final char SEPARATOR = '/';

  private ShadowKeys() {}

  /** The key of {@code shadow}. */
  public static String of(ShadowId shadow) {
    return prefix(shadow.thingName()) + (shadow.isClassic() ? "" : shadow.shadowName());
  }

  /** The prefix shared by every shadow of {@code thingName}; also the classic shadow's key. */
  public static String prefix(String thingName) {
    return thingName + SEPARATOR;
  }

  /** The thing name of a key. */
  public static String thingOf(String key) {
    int at = key.indexOf(SEPARATOR);
    return at < 0 ? key : key.substring(0, at);
  }

  /** The shadow name of a key; empty string for the classic shadow. */
  public static String shadowOf(String key) {
    int at = key.indexOf(SEPARATOR);
    return at < 0 ? "" : key.substring(at + 1);
  }

  /** The smallest key after every key of {@code thingName}: the exclusive end of its range. */
  public static String end(String thingName) {
    return thingName + (char) (SEPARATOR + 1);
  }
}
