package io.tributary.streams.rules;

/** What the rules job knows of the platform cluster's topics, so a kafka action never waits for a missing one. */
@FunctionalInterface
public interface TopicCatalog {

  /** Partition count of {@code topic}, or null when it does not exist (as far as known). */
  Integer partitions(String topic);
}
