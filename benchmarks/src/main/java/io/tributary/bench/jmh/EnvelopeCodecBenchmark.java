package io.tributary.bench.jmh;

import io.tributary.core.envelope.Envelope;
import io.tributary.core.envelope.EnvelopeCodec;
import io.tributary.core.envelope.Mqtt5Properties;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Encoding the Avro envelope of an accepted publish, and decoding it on the feed thread. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnvelopeCodecBenchmark {

  @Param({"100", "1024"})
  public int payloadBytes;

  private Envelope envelope;
  private byte[] encoded;

  @Setup
  public void setUp() {
    byte[] payload = new byte[payloadBytes];
    Arrays.fill(payload, (byte) 'x');
    envelope = new Envelope("dt/fleet-17/device-004711/telemetry", payload, 1, false, "device-004711", null,
        "device-004711", 1_764_230_400_000L, Envelope.Origin.MQTT, Mqtt5Properties.NONE, "node-1",
        UUID.nameUUIDFromBytes(payload).toString());
    encoded = EnvelopeCodec.encode(envelope);
  }

  @Benchmark
  public byte[] encode() {
    return EnvelopeCodec.encode(envelope);
  }

  @Benchmark
  public Envelope decode() {
    return EnvelopeCodec.decode(encoded);
  }
}
