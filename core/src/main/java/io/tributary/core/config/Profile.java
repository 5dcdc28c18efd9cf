package io.tributary.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Compatibility profile: which of AWS IoT's documented deviations from MQTT are reproduced. */
public enum Profile {
  /** MQTT 3.1.1 / 5 as specified: QoS 2, '#' matches its parent, retained on wildcard subscribe. */
  MQTT("mqtt"),
  /** AWS IoT Core exactly: no QoS 2, '#' not matching its parent, retained only on exact filters. */
  AWS_STRICT("aws-strict");

  private final String id;

  Profile(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static Profile of(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Profile p : values()) {
      if (p.id.equals(v)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown profile '" + value + "' (expected mqtt or aws-strict)");
  }
}
