#!/usr/bin/env bash
# Tributary beside its references, in one run: starts a dev-mode node on its own ports and data
# directory, installs Debian's mosquitto if it is missing, and runs the harness's compare mode
# (Tributary and mosquitto under the same load, Kafka's ProducerPerformance and EndToEndLatency on
# the node's embedded Kafka), printing the table of ratios and writing the report directory.
#
#   benchmarks/compare.sh                                   # the defaults (8 connections, 100 B, 10 s)
#   benchmarks/compare.sh --connections 16 --duration 20 --with-connections 100000 --with-shadow --with-rules 100
#
# Further arguments go to the harness (benchmarks/load.sh --help lists them). Environment:
# BENCH_MQTT_PORT (default 21883), BENCH_KAFKA_PORT (default 29092), BENCH_HTTP_PORT (default 28080),
# BENCH_DATA_DIR (default: a new temporary directory, deleted after a successful run), LOAD_SKIP_BUILD=1 to skip the build,
# TRIBUTARY_JAVA_OPTS for the node's JVM, TRIBUTARY_* settings for the node (TRIBUTARY_KAFKA_PRODUCER_LINGER_MS and
# TRIBUTARY_KAFKA_PRODUCER_MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION are also given to the probe of Kafka at the latency run's rate), BENCH_SERVER_NICE (default 0) to run the node and mosquitto
# at that niceness, e.g. -20 (root only) so that the load generator sharing the cores does not take
# theirs; the report's setup line says so.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
mqtt_port="${BENCH_MQTT_PORT:-21883}"
kafka_port="${BENCH_KAFKA_PORT:-29092}"
if [[ -n "${BENCH_DATA_DIR:-}" ]]; then
  data_dir="$BENCH_DATA_DIR"
  own_data_dir=0
else
  data_dir="$(mktemp -d -t tributary-bench.XXXXXX)"
  own_data_dir=1
fi

if ! command -v mosquitto >/dev/null 2>&1 && [[ ! -x /usr/sbin/mosquitto ]]; then
  echo "compare: installing mosquitto (apt-get install -y mosquitto)" >&2
  apt-get install -y mosquitto >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y mosquitto >/dev/null; }
fi

# Many connections need many file descriptors, in the node and in the harness.
ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if [[ "${LOAD_SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests ${LOAD_MVN_ARGS:-})
fi

echo "compare: starting a node (MQTT $mqtt_port, Kafka $kafka_port, data in $data_dir)" >&2
server_nice="${BENCH_SERVER_NICE:-0}"
nice -n "$server_nice" "$root/tributary" start --dev --data-dir "$data_dir" \
  --set listeners.mqtt="$mqtt_port" --set kafka.embeddedPort="$kafka_port" \
  --set listeners.http="${BENCH_HTTP_PORT:-28080}" --set listeners.mqttTls=-1 --set listeners.https=-1 \
  >"$data_dir/node.log" 2>&1 &
node_pid=$!
# The node's Kafka log grows by gigabytes in a run: a directory this script made is deleted at the
# end when everything succeeded, and kept (with node.log) for a look when something failed.
cleanup() {
  local rc=$?
  kill "$node_pid" 2>/dev/null
  wait "$node_pid" 2>/dev/null || true
  if [[ "$own_data_dir" == 1 && "$rc" == 0 ]]; then
    rm -rf "$data_dir"
  elif [[ "$rc" != 0 ]]; then
    echo "compare: the node's data and log are kept in $data_dir" >&2
  fi
}
trap cleanup EXIT

for _ in $(seq 1 240); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$mqtt_port") 2>/dev/null; then
    break
  fi
  kill -0 "$node_pid" 2>/dev/null || { echo "compare: the node exited; see $data_dir/node.log" >&2; exit 1; }
  sleep 0.5
done

# Kafka's ProducerPerformance paced at the latency run's rate batches as the node's producer does.
linger=()
if [[ -n "${TRIBUTARY_KAFKA_PRODUCER_LINGER_MS:-}" ]]; then
  linger=(--gateway-linger-ms "$TRIBUTARY_KAFKA_PRODUCER_LINGER_MS")
fi
if [[ -n "${TRIBUTARY_KAFKA_PRODUCER_MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION:-}" ]]; then
  linger+=(--gateway-max-in-flight "$TRIBUTARY_KAFKA_PRODUCER_MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION")
fi

LOAD_SKIP_BUILD=1 "$here/load.sh" compare --port "$mqtt_port" --node-pid "$node_pid" \
  --kafka-bootstrap "127.0.0.1:$kafka_port" --http-port "${BENCH_HTTP_PORT:-28080}" --server-nice "$server_nice" \
  "${linger[@]}" "$@"
