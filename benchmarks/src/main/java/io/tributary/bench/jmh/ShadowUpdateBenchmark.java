package io.tributary.bench.jmh;

import io.tributary.shadow.ShadowId;
import io.tributary.shadow.ShadowLimits;
import io.tributary.shadow.ShadowRequest;
import io.tributary.shadow.ShadowResult;
import io.tributary.shadow.ShadowService;
import io.tributary.shadow.StoredShadow;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A shadow update on an existing document, as the shadow job runs it: merge into the stored state,
 * metadata and version, the delta between desired and reported, and the accepted, delta and
 * documents messages. {@code reported} changes reported values (no delta left); {@code desired}
 * changes a desired value so a delta is computed and published.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ShadowUpdateBenchmark {

  private static final long NOW = 1_764_230_400_000L;
  private static final ShadowId THING = ShadowId.classic("device-004711");

  private final ShadowService service = new ShadowService(ShadowLimits.aws());
  private Optional<StoredShadow> stored;
  private ShadowRequest reported;
  private ShadowRequest desired;

  @Setup
  public void setUp() {
    ShadowRequest initial = request("{\"state\":{"
        + "\"desired\":{\"mode\":\"eco\",\"setpoint\":21.5,\"fan\":{\"speed\":2,\"auto\":true}},"
        + "\"reported\":{\"mode\":\"eco\",\"setpoint\":21.5,\"fan\":{\"speed\":2,\"auto\":true},"
        + "\"temperature\":22.1,\"humidity\":41,\"firmware\":\"2.14.3\",\"uptime\":865432}}}");
    stored = service.handle(initial, Optional.empty(), NOW).state();
    reported = request("{\"state\":{\"reported\":{\"temperature\":22.4,\"humidity\":42,\"uptime\":865492}},"
        + "\"clientToken\":\"bench-1\"}");
    desired = request("{\"state\":{\"desired\":{\"setpoint\":23.0,\"fan\":{\"speed\":3}}},"
        + "\"clientToken\":\"bench-2\"}");
  }

  private static ShadowRequest request(String json) {
    return ShadowRequest.update(THING, json.getBytes(StandardCharsets.UTF_8));
  }

  @Benchmark
  public ShadowResult reported() {
    return service.handle(reported, stored, NOW);
  }

  @Benchmark
  public ShadowResult desired() {
    return service.handle(desired, stored, NOW);
  }
}
