/**
 * Loading the node's {@link io.tributary.core.config.TributaryConfig}: a YAML file, then
 * {@code TRIBUTARY_<SECTION>_<FIELD>} environment variables, then command-line flags, each layer
 * merged into one JSON tree that is bound at the end. Start at
 * {@link io.tributary.server.config.ConfigLoader}; {@link io.tributary.server.config.ConfigSchema}
 * knows which keys exist, so an unknown key fails with its name and where it came from.
 */
package io.tributary.server.config;
