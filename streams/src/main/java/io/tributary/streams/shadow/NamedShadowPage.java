package io.tributary.streams.shadow;

import java.util.List;
import java.util.Optional;

/**
 * One page of {@code ListNamedShadowsForThing}.
 *
 * @param results   shadow names in ascending order
 * @param nextToken where the next page starts; empty on the last page
 */
public record NamedShadowPage(List<String> results, Optional<String> nextToken) {
  public NamedShadowPage {
    results = List.copyOf(results);
  }
}
