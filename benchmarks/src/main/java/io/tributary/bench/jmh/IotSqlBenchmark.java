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
import org.openjdk.jmh.infra.Blackhole;

/**
 * One compiled rule (WHERE filter + SELECT projection) on a ~300-byte telemetry document, the way
 * the rules job evaluates each message: a fresh {@link MessageContext} per message, so parsing the
 * payload is part of the cost. {@code matching} passes the filter, {@code filteredOut} does not.
 * The {@code ...Parsed} variants reuse one context whose payload is already parsed, so they
 * measure evaluation (and output serialisation) alone; the difference to the fresh-context
 * variants is the parse. {@code fiveRules} evaluates five rules on one fresh context per message,
 * as the rules job does when several rules match a topic: the payload is parsed once for all five.
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

  /** Five rules on the same topic: the one above plus four of other shapes (one filters out). */
  static final String[] FIVE = {
    SQL,
    "SELECT deviceId, humidity, pressure / 10 AS kpa FROM 'dt/+/+/telemetry' WHERE humidity > 40",
    "SELECT VALUE battery FROM 'dt/+/+/telemetry' WHERE battery.level < 20",
    "SELECT deviceId, rssi, uptime / 3600 AS hours, timestamp() AS at FROM 'dt/+/+/telemetry' "
        + "WHERE rssi < -60 AND firmware <> '2.14.2'",
    "SELECT *, topic(2) AS fleetTopic FROM 'dt/+/+/telemetry' WHERE status = 'active'",
  };

  private CompiledRule rule;
  private CompiledRule[] five;
  private byte[] hot;
  private byte[] cold;
  private MessageContext hotParsed;
  private MessageContext coldParsed;

  @Setup
  public void setUp() {
    rule = RuleSql.compile(SQL, SqlVersion.V2016_03_23);
    five = new CompiledRule[FIVE.length];
    for (int i = 0; i < FIVE.length; i++) {
      five[i] = RuleSql.compile(FIVE[i], SqlVersion.V2016_03_23);
    }
    hot = document(31.5);
    cold = document(19.25);
    hotParsed = MessageContext.builder(TOPIC, hot).clientId("device-004711").build();
    coldParsed = MessageContext.builder(TOPIC, cold).clientId("device-004711").build();
    if (rule.evaluate(hotParsed).isEmpty() || rule.evaluate(coldParsed).isPresent()) {
      throw new IllegalStateException("documents do not exercise the filter as intended");
    }
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

  /** {@link #matching} on a context whose payload was parsed before: evaluation only. */
  @Benchmark
  public Optional<RuleOutput> matchingParsed() {
    return rule.evaluate(hotParsed);
  }

  /** {@link #filteredOut} on a context whose payload was parsed before: evaluation only. */
  @Benchmark
  public Optional<RuleOutput> filteredOutParsed() {
    return rule.evaluate(coldParsed);
  }

  /** Five rules on one fresh context: one parse, five evaluations (four produce output). */
  @Benchmark
  public void fiveRules(Blackhole bh) {
    MessageContext ctx = MessageContext.builder(TOPIC, hot).clientId("device-004711").build();
    for (CompiledRule r : five) {
      bh.consume(r.evaluate(ctx));
    }
  }
}
