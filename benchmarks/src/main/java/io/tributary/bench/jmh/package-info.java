/**
 * JMH micro-benchmarks of Tributary's hot paths: topic-filter matching ({@link
 * io.tributary.bench.jmh.TopicMatchBenchmark}), topic-name validation, envelope encoding and
 * decoding, IoT SQL evaluation and shadow updates. Run them with {@code benchmarks/run-jmh.sh
 * [regex]}; every class is self-contained and builds its data in a {@code @Setup} method.
 */
package io.tributary.bench.jmh;
