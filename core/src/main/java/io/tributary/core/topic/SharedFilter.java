package io.tributary.core.topic;

/**
 * A parsed shared subscription {@code $share/{group}/{filter}} (MQTT 5 §4.8.2, AWS reference
 * §2.7). The {@code filter} is the plain filter that messages are matched against.
 */
public record SharedFilter(String group, String filter) {

  /** The prefix that marks a shared subscription. */
  public static final String PREFIX = "$share/";

  public SharedFilter {
    if (group.isEmpty() || filter.isEmpty()) {
      throw new IllegalArgumentException("share group and filter must be non-empty");
    }
    for (int i = 0, n = group.length(); i < n; i++) {
      char c = group.charAt(i);
      if (c == '/' || c == '+' || c == '#') {
        throw new IllegalArgumentException("share group must not contain '/', '+' or '#': " + group);
      }
    }
  }

  /**
   * Splits a {@code $share/{group}/{filter}}; {@code null} when {@code filter} does not start with
   * {@code $share/}. Validate with {@link Topics#validateFilter} first: a {@code $share/} filter
   * without a group or a filter part is refused with {@link IllegalArgumentException}.
   */
  public static SharedFilter parse(String filter) {
    if (!filter.startsWith(PREFIX)) {
      return null;
    }
    int groupEnd = filter.indexOf('/', PREFIX.length());
    if (groupEnd < 0) {
      throw new IllegalArgumentException("shared subscription without a topic filter: " + filter);
    }
    return new SharedFilter(
        filter.substring(PREFIX.length(), groupEnd), filter.substring(groupEnd + 1));
  }

  /** The full {@code $share/{group}/{filter}} text, as a client sends it. */
  public String text() {
    return PREFIX + group + '/' + filter;
  }
}
