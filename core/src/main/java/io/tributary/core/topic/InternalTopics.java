package io.tributary.core.topic;

/**
 * Topics under {@code $tributary/} are Tributary's own: nodes use them to talk to each other through
 * the message topic (for example the shadow job's answers to REST calls). No client may publish to
 * them or subscribe to them.
 */
public final class InternalTopics {
  /** The first level of every internal topic. */
  public static final String ROOT = "$tributary";

  private static final String SHARE = "$share/";

  private InternalTopics() {}

  /**
   * True if {@code topicOrFilter} is an internal topic, or a filter (plain or shared) whose first
   * level is {@code $tributary}. Wildcards in the first level never match {@code $} topics, so no
   * other filter can reach an internal topic.
   */
  public static boolean isInternal(String topicOrFilter) {
    String t = topicOrFilter;
    if (t.startsWith(SHARE)) {
      int groupEnd = t.indexOf('/', SHARE.length());
      t = groupEnd < 0 ? "" : t.substring(groupEnd + 1);
    }
    return t.equals(ROOT) || t.startsWith(ROOT + "/");
  }
}
