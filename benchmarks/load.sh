#!/usr/bin/env bash
# Runs the load harness against a running MQTT broker.
#
#   benchmarks/load.sh fan-in --connections 8 --qos 1 --duration 10 [--node-pid PID]
#   benchmarks/load.sh d2d --connections 16 --rate 5000
#   benchmarks/load.sh rules --rules 1000 --kafka-bootstrap 127.0.0.1:9092 --http-port 8080
#   benchmarks/load.sh --help
#
# Builds the benchmarks module and what it depends on (skipped with LOAD_SKIP_BUILD=1), then runs
# io.tributary.bench.load.LoadHarness on target/classes plus target/lib. Environment: LOAD_MVN_ARGS
# (extra Maven arguments, e.g. -o), LOAD_JAVA_OPTS (JVM options; default -Xmx2g).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

if [[ "${LOAD_SKIP_BUILD:-0}" != 1 ]]; then
  # shellcheck disable=SC2086 # extra Maven arguments are meant to split
  (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests ${LOAD_MVN_ARGS:-})
fi

# shellcheck disable=SC2086 # JVM options are meant to split
exec java ${LOAD_JAVA_OPTS:--Xmx2g} -Djava.awt.headless=true -cp "$here/target/classes:$here/target/lib/*" \
  io.tributary.bench.load.LoadHarness "$@"
