package io.tributary.bench.jmh;

import io.tributary.core.topic.TopicError;
import io.tributary.core.topic.TopicLimits;
import io.tributary.core.topic.Topics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Validating a published topic name against AWS's limits, done once per inbound PUBLISH. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TopicValidateBenchmark {

  private final TopicLimits limits = TopicLimits.awsDefaults();
  private final String device = "dt/fleet-17/device-004711/telemetry";
  private final String shadow = "$aws/things/device-004711/shadow/name/config/update";

  @Benchmark
  public TopicError deviceTopic() {
    return Topics.validateName(device, limits);
  }

  @Benchmark
  public TopicError shadowTopic() {
    return Topics.validateName(shadow, limits);
  }
}
