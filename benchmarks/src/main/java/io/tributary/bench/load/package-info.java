/**
 * The end-to-end load harness. Start at {@link io.tributary.bench.load.LoadHarness} (the picocli
 * main; {@code benchmarks/load.sh} runs it): a scenario connects a {@code Fleet} of thin MQTT
 * clients ({@code BenchClient}), drives them with {@code PublishLoop}s and counts at
 * {@code Receiver}s, while a {@code Timeline} samples once a second; the outcome is a
 * {@link io.tributary.bench.load.RunResult}, written by {@code Report}. {@code CompareRun} runs
 * Tributary beside mosquitto and Kafka's own tools and builds the table of {@code Ratios}.
 */
package io.tributary.bench.load;
