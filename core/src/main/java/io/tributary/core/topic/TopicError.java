package io.tributary.core.topic;

/**
 * Why a topic name or filter is refused.
 *
 * <p>Every error maps to one MQTT 5 reason code, chosen by what was validated: {@link
 * #TOPIC_NAME_INVALID} (0x90) for a name in PUBLISH, a will or a response topic, {@link
 * #TOPIC_FILTER_INVALID} (0x8F) for a filter in SUBSCRIBE or UNSUBSCRIBE; see {@link
 * #reasonCode(boolean)}.
 */
public enum TopicError {
  EMPTY("must be at least one character long"),
  TOO_LONG("exceeds the maximum length in UTF-8 bytes"),
  TOO_MANY_LEVELS("has more levels (slash-separated parts) than allowed"),
  WILDCARD_IN_NAME("a topic name must not contain the wildcards '+' or '#'"),
  MISPLACED_WILDCARD(
      "'+' must occupy a whole level, '#' must be alone or the last level after '/'"),
  NULL_CHARACTER("must not contain the null character U+0000"),
  INVALID_SHARE_NAME(
      "a shared subscription must be $share/{ShareName}/{filter} with a non-empty ShareName"
          + " without '/', '+' or '#' and within the length limit"),
  INVALID_UTF8("is not well-formed UTF-8 (unpaired surrogate)");

  /** MQTT 5 reason code "Topic Name invalid". */
  public static final int TOPIC_NAME_INVALID = 0x90;
  /** MQTT 5 reason code "Topic Filter invalid". */
  public static final int TOPIC_FILTER_INVALID = 0x8F;

  private final String message;

  TopicError(String message) {
    this.message = message;
  }

  /** A human-readable explanation, suitable for an MQTT 5 reason string. */
  public String message() {
    return message;
  }

  /** The MQTT 5 reason code for this error on a filter ({@code true}) or a name. */
  public int reasonCode(boolean filter) {
    return filter ? TOPIC_FILTER_INVALID : TOPIC_NAME_INVALID;
  }
}
