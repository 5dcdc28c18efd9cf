package io.tributary.core.topic;

/** How wildcard matching treats AWS IoT's deviations from MQTT (dataplane reference §2.1). */
public enum MatchMode {
  /** MQTT 5 §4.7.1.2: {@code "a/#"} also matches its parent {@code "a"}. The default profile. */
  MQTT,
  /** AWS IoT Core: {@code "a/#"} does not match {@code "a"} (it still matches {@code "a/"}). */
  AWS_STRICT
}
