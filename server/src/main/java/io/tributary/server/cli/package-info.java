/**
 * The {@code tributary} command line (picocli): {@link io.tributary.server.cli.StartCommand}
 * loads the configuration from file, environment and flags and runs a node;
 * {@link io.tributary.server.cli.VersionCommand} prints the build's version.
 */
package io.tributary.server.cli;
