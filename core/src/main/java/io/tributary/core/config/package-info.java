/**
 * The node's configuration model. {@link io.tributary.core.config.TributaryConfig} is the root; the
 * server module loads it from YAML, environment variables and command-line flags (see
 * {@code docs/configuration.md}). Every section has AWS IoT's defaults.
 */
package io.tributary.core.config;
