package io.tributary.core.topic;

/**
 * Validation and matching of MQTT topic names and filters (MQTT 5 §4.7, §4.8; AWS IoT Core
 * dataplane reference §2.7, §2.8).
 *
 * <p>All methods are pure, allocation-free and safe to call from any thread. Names and filters are
 * compared as Java strings, which is equivalent to comparing their UTF-8 bytes for well-formed
 * input.
 */
public final class Topics {

  /** Prefix of AWS IoT Basic Ingest topics: {@code $aws/rules/<rule>[/...]}. */
  public static final String BASIC_INGEST_PREFIX = "$aws/rules/";

  private Topics() {}

  /**
   * Validates a topic name, as published in PUBLISH, a will, or a response topic.
   *
   * <p>A valid name is non-empty, well-formed UTF-8 without U+0000, has no {@code '+'} or {@code
   * '#'} and is within {@code limits}. {@code '$'} topics are valid names: the platform and clients
   * publish to reserved topics; whether a client may do so is a policy question. For a Basic Ingest
   * topic, bytes and levels are counted after its {@code $aws/rules/<rule>/} prefix, as AWS does.
   *
   * <p>When several problems exist, the first character-level problem from the left ({@link
   * TopicError#INVALID_UTF8}, {@link TopicError#NULL_CHARACTER}, {@link
   * TopicError#WILDCARD_IN_NAME}) is reported, then {@link TopicError#TOO_LONG}, then {@link
   * TopicError#TOO_MANY_LEVELS}.
   *
   * @return {@code null} when valid, else why it is not
   */
  public static TopicError validateName(String topic, TopicLimits limits) {
    if (topic.isEmpty()) {
      return TopicError.EMPTY;
    }
    return scan(topic, basicIngestPrefixLength(topic), false, limits);
  }

  /**
   * Validates a topic filter, as sent in SUBSCRIBE or UNSUBSCRIBE, including shared subscriptions
   * {@code $share/{group}/{filter}}.
   *
   * <p>{@code '+'} must occupy a whole level; {@code '#'} must be the whole filter or its last level
   * after a {@code '/'}. For a shared subscription the group must be non-empty, free of {@code '/'},
   * {@code '+'} and {@code '#'} and at most {@link TopicLimits#maxShareNameChars()} code points,
   * and a non-empty filter must follow it; bytes and levels are counted on that filter only (the
   * {@code $share/{group}/} prefix does not count, as in AWS).
   *
   * <p>Errors are reported in this order: {@link TopicError#EMPTY}, {@link
   * TopicError#INVALID_SHARE_NAME}, {@link TopicError#EMPTY} for an empty shared filter, the first
   * character-level problem from the left ({@link TopicError#INVALID_UTF8}, {@link
   * TopicError#NULL_CHARACTER}, {@link TopicError#MISPLACED_WILDCARD}), {@link
   * TopicError#TOO_LONG}, {@link TopicError#TOO_MANY_LEVELS}.
   *
   * @return {@code null} when valid, else why it is not
   */
  public static TopicError validateFilter(String filter, TopicLimits limits) {
    if (filter.isEmpty()) {
      return TopicError.EMPTY;
    }
    int filterStart = 0;
    if (filter.startsWith(SharedFilter.PREFIX)) {
      int groupStart = SharedFilter.PREFIX.length();
      int groupEnd = filter.indexOf('/', groupStart);
      if (groupEnd < 0 || !validShareName(filter, groupStart, groupEnd, limits)) {
        return TopicError.INVALID_SHARE_NAME;
      }
      filterStart = groupEnd + 1;
      if (filterStart == filter.length()) {
        return TopicError.EMPTY;
      }
    }
    return scan(filter, filterStart, true, limits);
  }

  /** Whether a name or filter is reserved: it starts with {@code '$'} (MQTT 5 §4.7.2). */
  public static boolean isReserved(String topicOrFilter) {
    return !topicOrFilter.isEmpty() && topicOrFilter.charAt(0) == '$';
  }

  /** Whether a filter contains a wildcard character {@code '+'} or {@code '#'}. */
  public static boolean isWildcard(String filter) {
    for (int i = 0, n = filter.length(); i < n; i++) {
      char c = filter.charAt(i);
      if (c == '+' || c == '#') {
        return true;
      }
    }
    return false;
  }

  /**
   * The rule name of a Basic Ingest topic {@code $aws/rules/<rule>[/...]}, or {@code null} when
   * {@code topic} is not one. Such publishes go to the rule only, never to subscribers.
   */
  public static String basicIngestRule(String topic) {
    if (!topic.startsWith(BASIC_INGEST_PREFIX)) {
      return null;
    }
    int start = BASIC_INGEST_PREFIX.length();
    int end = topic.indexOf('/', start);
    return end < 0 ? topic.substring(start) : topic.substring(start, end);
  }

  /**
   * Whether a plain (not {@code $share}) filter matches a topic name.
   *
   * <p>{@code '+'} matches exactly one level, including an empty one; {@code '#'} matches any
   * number of trailing levels and, in {@link MatchMode#MQTT} only, the parent level too. A filter
   * whose first level is a wildcard never matches a topic starting with {@code '$'}; a filter
   * starting with an explicit {@code '$'} level matches as usual. Results for invalid filters are
   * unspecified (but never an exception).
   */
  public static boolean matches(String filter, String topic, MatchMode mode) {
    int fLen = filter.length();
    int tLen = topic.length();
    if (fLen > 0 && tLen > 0 && topic.charAt(0) == '$') {
      char first = filter.charAt(0);
      if ((first == '+' || first == '#') && (fLen == 1 || filter.charAt(1) == '/')) {
        return false;
      }
    }
    int f = 0;
    int t = 0;
    while (true) {
      // f and t are at the start of a level
      if (f < fLen && filter.charAt(f) == '#' && f + 1 == fLen) {
        return true;
      }
      if (f < fLen && filter.charAt(f) == '+' && (f + 1 == fLen || filter.charAt(f + 1) == '/')) {
        f++;
        while (t < tLen && topic.charAt(t) != '/') {
          t++;
        }
      } else {
        while (f < fLen && t < tLen && filter.charAt(f) == topic.charAt(t)
            && filter.charAt(f) != '/') {
          f++;
          t++;
        }
        boolean filterLevelEnds = f == fLen || filter.charAt(f) == '/';
        boolean topicLevelEnds = t == tLen || topic.charAt(t) == '/';
        if (!filterLevelEnds || !topicLevelEnds) {
          return false;
        }
      }
      if (f == fLen) {
        return t == tLen;
      }
      if (t == tLen) {
        // the filter has more levels: only "/#" may follow, and only MQTT lets it match the parent
        return mode == MatchMode.MQTT && f + 2 == fLen && filter.charAt(f + 1) == '#';
      }
      f++;
      t++;
    }
  }

  /** Length of the {@code $aws/rules/<rule>/} prefix excluded from limits, 0 when absent. */
  static int basicIngestPrefixLength(String topic) {
    if (!topic.startsWith(BASIC_INGEST_PREFIX)) {
      return 0;
    }
    int slash = topic.indexOf('/', BASIC_INGEST_PREFIX.length());
    return slash < 0 ? topic.length() : slash + 1;
  }

  private static boolean validShareName(String s, int from, int to, TopicLimits limits) {
    if (from == to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '+' || c == '#') {
        return false;
      }
    }
    return Character.codePointCount(s, from, to) <= limits.maxShareNameChars();
  }

  /**
   * One pass over a name or filter: character checks over the whole string, bytes and levels
   * counted from {@code countFrom} (after an excluded prefix).
   */
  private static TopicError scan(String s, int countFrom, boolean filter, TopicLimits limits) {
    int len = s.length();
    int totalBytes = 0;
    int countedBytes = 0;
    int slashes = 0;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      boolean counted = i >= countFrom;
      int bytes;
      if (c < 0x80) {
        bytes = 1;
        if (c == '/') {
          if (counted) {
            slashes++;
          }
        } else if (c == '+') {
          if (!filter) {
            return TopicError.WILDCARD_IN_NAME;
          }
          if ((i > 0 && s.charAt(i - 1) != '/') || (i + 1 < len && s.charAt(i + 1) != '/')) {
            return TopicError.MISPLACED_WILDCARD;
          }
        } else if (c == '#') {
          if (!filter) {
            return TopicError.WILDCARD_IN_NAME;
          }
          if ((i > 0 && s.charAt(i - 1) != '/') || i + 1 < len) {
            return TopicError.MISPLACED_WILDCARD;
          }
        } else if (c == 0) {
          return TopicError.NULL_CHARACTER;
        }
      } else if (c < 0x800) {
        bytes = 2;
      } else if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 == len
            || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return TopicError.INVALID_UTF8;
        }
        bytes = 4;
        i++;
      } else {
        bytes = 3;
      }
      totalBytes += bytes;
      if (counted) {
        countedBytes += bytes;
      }
    }
    if (totalBytes > TopicLimits.MQTT_MAX_BYTES || countedBytes > limits.maxTopicBytes()) {
      return TopicError.TOO_LONG;
    }
    if (slashes >= limits.maxLevels()) {
      return TopicError.TOO_MANY_LEVELS;
    }
    return null;
  }
}
