package io.tributary.bench.jmh;

import io.tributary.rules.CompiledRule;
import io.tributary.rules.MessageContext;
import io.tributary.rules.RuleOutput;
import io.tributary.rules.RuleSql;
import io.tributary.rules.SqlVersion;
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
 * One compiled rule (WHERE filter + SELECT projection) on a ~300-byte telemetry document, the way
 * the rules job evaluates each message: a fresh {@link MessageContext} per message, so parsing the
 * payload is part of the cost. {@code matching} passes the filter, {@code filteredOut} does not.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IotSqlBenchmark {

  static final String SQL = "SELECT deviceId, temperature * 1.8 + 32 AS fahrenheit, location.lat AS lat, "
      + "location.lon AS lon, topic(3) AS device, battery.level AS battery "
      + "FROM 'dt/+/+/telemetry' WHERE temperature > 25 AND status = 'active' AND battery.level >= 10";

  private static final String TOPIC = "dt/fleet-17/device-004711/telemetry";

  private CompiledRule rule;
  private byte[] hot;
  private byte[] cold;

  @Setup
  public void setUp() {
    rule = RuleSql.compile(SQL, SqlVersion.V2016_03_23);
    hot = document(31.5);
    cold = document(19.25);
  }

  /** A telemetry document of about 300 bytes. */
  static byte[] document(double temperature) {
    String json = "{\"deviceId\":\"device-004711\",\"fleet\":\"fleet-17\",\"status\":\"active\","
        + "\"temperature\":" + temperature + ",\"humidity\":48.2,\"pressure\":1013.25,"
        + "\"location\":{\"lat\":52.5200,\"lon\":13.4050,\"alt\":34.0},"
        + "\"battery\":{\"level\":87,\"charging\":false,\"voltage\":3.92},"
        + "\"firmware\":\"2.14.3\",\"rssi\":-67,\"uptime\":865432,"
        + "\"tags\":[\"outdoor\",\"roof\",\"north\"],\"ts\":1764230400123}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public Optional<RuleOutput> matching() {
    return rule.evaluate(MessageContext.builder(TOPIC, hot).clientId("device-004711").build());
  }

  @Benchmark
  public Optional<RuleOutput> filteredOut() {
    return rule.evaluate(MessageContext.builder(TOPIC, cold).clientId("device-004711").build());
  }
}
