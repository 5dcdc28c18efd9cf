package io.tributary.streams.shadow.internal;

import io.tributary.shadow.ShadowNames;
import io.tributary.shadow.StoredShadow;
import io.tributary.streams.shadow.NamedShadowPage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A range scan over one thing's keys for {@code ListNamedShadowsForThing}. The page token is the
 * last name returned, base64url-encoded; the next page starts just after it.
 */
public record NamedShadowScan(String thingName, int pageSize, Optional<String> after) {
  /** AWS's page size bounds. */
  public static final int MAX_PAGE_SIZE = 100;

  public static NamedShadowScan of(String thingName, int pageSize, String nextToken) {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_PAGE_SIZE);
    }
    return new NamedShadowScan(thingName, pageSize, Optional.ofNullable(nextToken).map(NamedShadowScan::decode));
  }

  public NamedShadowPage page(ReadOnlyKeyValueStore<String, byte[]> store) {
    String prefix = ShadowKeys.prefix(thingName);
    // '\0' never occurs in a shadow name: prefix + name + '\0' is the first key after that name.
    String from = after.map(name -> prefix + name + '\0').orElse(prefix);
    List<String> names = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.range(from, ShadowKeys.end(thingName))) {
      while (it.hasNext() && names.size() <= pageSize) {
        KeyValue<String, byte[]> entry = it.next();
        String name = ShadowKeys.shadowOf(entry.key);
        if (!name.isEmpty() && !StoredShadow.fromBytes(entry.value).isDeleted()) {
          names.add(name);
        }
      }
    }
    if (names.size() <= pageSize) {
      return new NamedShadowPage(names, Optional.empty());
    }
    List<String> page = names.subList(0, pageSize);
    return new NamedShadowPage(page, Optional.of(encode(page.get(pageSize - 1))));
  }

  private static String encode(String name) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    String name;
    try {
      name = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid nextToken");
    }
    if (!ShadowNames.isValidShadowName(name)) {
      throw new IllegalArgumentException("invalid nextToken");
    }
    return name;
  }
}
