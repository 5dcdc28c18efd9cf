/**
 * The runnable Tributary node. {@link io.tributary.server.Main} is the command line
 * ({@code tributary start --dev}); {@link io.tributary.server.TributaryNode} starts and stops a
 * whole node in-process and is what integration tests in every module use.
 */
package io.tributary.server;
