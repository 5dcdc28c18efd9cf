package io.tributary.rules;

import java.util.Optional;

/**
 * The services that the few data-reading functions need. Compiling a rule binds them; a rule
 * that calls {@code get_thing_shadow} or {@code get_registry_data} is refused unless the matching
 * reader is present. Immutable.
 */
public final class Lookups {

  private static final Lookups NONE = new Lookups(null, null);

  private final ShadowReader shadowReader;
  private final RegistryReader registryReader;

  private Lookups(ShadowReader shadowReader, RegistryReader registryReader) {
    this.shadowReader = shadowReader;
    this.registryReader = registryReader;
  }

  /** No readers: shadow and registry functions are refused at compile time. */
  public static Lookups none() {
    return NONE;
  }

  public Lookups withShadowReader(ShadowReader reader) {
    return new Lookups(reader, registryReader);
  }

  public Lookups withRegistryReader(RegistryReader reader) {
    return new Lookups(shadowReader, reader);
  }

  public Optional<ShadowReader> shadowReader() {
    return Optional.ofNullable(shadowReader);
  }

  public Optional<RegistryReader> registryReader() {
    return Optional.ofNullable(registryReader);
  }
}
