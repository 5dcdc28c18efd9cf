package io.tributary.streams.shadow.internal;

import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowNames;
import io.tributary.shadow.StoredShadow;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The shadow store: RocksDB, cached, changelogged (Kafka Streams' defaults), keyed by
 * {@link ShadowKeys}, holding {@link StoredShadow#toBytes()}.
 */
public final class ShadowStore {
  /** The store name; its changelog is {@code <applicationId>-shadows-changelog}. */
  public static final String NAME = "shadows";

  private ShadowStore() {}

  public static StoreBuilder<KeyValueStore<String, byte[]>> builder() {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(), Serdes.ByteArray())
        .withCachingEnabled();
  }

  /** What is stored for {@code shadow}; nothing for invalid names, which the service rejects anyway. */
  public static Optional<StoredShadow> read(ReadOnlyKeyValueStore<String, byte[]> store, ShadowId shadow) {
    if (!ShadowNames.isValidThingName(shadow.thingName())
        || !shadow.isClassic() && !ShadowNames.isValidShadowName(shadow.shadowName())) {
      return Optional.empty();
    }
    byte[] bytes = store.get(ShadowKeys.of(shadow));
    return bytes == null ? Optional.empty() : Optional.of(StoredShadow.fromBytes(bytes));
  }

  /** Live named shadows of {@code thingName} (deleted markers and the classic shadow excluded). */
  public static int countNamed(ReadOnlyKeyValueStore<String, byte[]> store, String thingName) {
    int count = 0;
    try (KeyValueIterator<String, byte[]> it = store.prefixScan(ShadowKeys.prefix(thingName), new StringSerializer())) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        if (!ShadowKeys.shadowOf(entry.key).isEmpty() && !StoredShadow.fromBytes(entry.value).isDeleted()) {
          count++;
        }
      }
    }
    return count;
  }
}
