package io.tributary.core.topic;

/**
 * Limits applied when validating topic names and filters.
 *
 * <p>Independently of these limits, a name or filter is never longer than the 65,535 bytes an MQTT
 * UTF-8 string can carry (MQTT 5 §1.5.4).
 *
 * @param maxTopicBytes UTF-8 bytes of a name or filter, excluding a {@code $aws/rules/<rule>/}
 *     prefix of a name and the {@code $share/<group>/} prefix of a filter
 * @param maxLevels levels of a name or filter (a level count of 8 allows 7 slashes), with the same
 *     exclusions
 * @param maxShareNameChars Unicode code points of the group of a {@code $share/<group>/} filter
 */
public record TopicLimits(int maxTopicBytes, int maxLevels, int maxShareNameChars) {

  /** The largest string an MQTT packet can carry, in UTF-8 bytes. */
  public static final int MQTT_MAX_BYTES = 65_535;

  private static final TopicLimits AWS_DEFAULTS = new TopicLimits(256, 8, 128);
  private static final TopicLimits UNLIMITED =
      new TopicLimits(MQTT_MAX_BYTES, Integer.MAX_VALUE, Integer.MAX_VALUE);

  public TopicLimits {
    if (maxTopicBytes < 1 || maxLevels < 1 || maxShareNameChars < 1) {
      throw new IllegalArgumentException(
          "topic limits must be positive: " + maxTopicBytes + ", " + maxLevels + ", "
              + maxShareNameChars);
    }
  }

  /** AWS IoT Core's quotas: 256 bytes, 8 levels (7 slashes), 128-character share names. */
  public static TopicLimits awsDefaults() {
    return AWS_DEFAULTS;
  }

  /** Only what the MQTT specification imposes: 65,535 bytes, any number of levels. */
  public static TopicLimits unlimited() {
    return UNLIMITED;
  }
}
