package io.tributary.core.topic;

/**
 * Recognizes Device Shadow request topics without the shadow module: exactly
 * {@code $aws/things/{thing}/shadow/(get|update|delete)} and
 * {@code $aws/things/{thing}/shadow/name/{shadow}/(get|update|delete)}, the shapes
 * {@code shadow-state}'s {@code ShadowTopics.parseRequest} accepts. Names are not validated here:
 * the shadow service answers a request with an invalid name on its {@code /rejected} topic, so
 * such requests must reach it too.
 *
 * <p>Allocation-free until a topic matches; the gateway calls it on every publish.
 */
public final class ShadowRequestTopics {
  /** The prefix of every shadow topic. */
  public static final String ROOT = "$aws/things/";

  private static final String SHADOW = "/shadow/";
  private static final String NAME = "name/";

  private ShadowRequestTopics() {}

  /**
   * The thing name of the shadow request published on {@code topic}, or null when {@code topic} is
   * not a shadow request topic.
   */
  public static String thingOf(String topic) {
    if (topic == null || !topic.startsWith(ROOT)) {
      return null;
    }
    int thingEnd = topic.indexOf('/', ROOT.length());
    if (thingEnd < 0 || !topic.startsWith(SHADOW, thingEnd)) {
      return null;
    }
    int rest = thingEnd + SHADOW.length();
    if (isOperation(topic, rest)) {
      return topic.substring(ROOT.length(), thingEnd);
    }
    if (!topic.startsWith(NAME, rest)) {
      return null;
    }
    int shadowEnd = topic.indexOf('/', rest + NAME.length());
    if (shadowEnd < 0 || !isOperation(topic, shadowEnd + 1)) {
      return null;
    }
    return topic.substring(ROOT.length(), thingEnd);
  }

  /** True when {@code topic} from {@code start} to its end is exactly one operation level. */
  private static boolean isOperation(String topic, int start) {
    int length = topic.length() - start;
    return length == 3 && topic.startsWith("get", start)
        || length == 6 && (topic.startsWith("update", start) || topic.startsWith("delete", start));
  }
}
