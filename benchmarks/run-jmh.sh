#!/usr/bin/env bash
# Runs Tributary's JMH micro-benchmarks.
#
#   benchmarks/run-jmh.sh                      # every benchmark
#   benchmarks/run-jmh.sh TopicMatch           # those whose name matches a regex
#   benchmarks/run-jmh.sh Iot -f 1 -wi 1 -i 3  # any further JMH options (-h lists them)
#
# Builds the benchmarks module and what it depends on (skipped with JMH_SKIP_BUILD=1), then runs
# org.openjdk.jmh.Main on target/classes plus target/lib. Environment: JMH_MVN_ARGS (extra Maven
# arguments, e.g. -o), JMH_JAVA_OPTS (options for the JMH launcher JVM).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

if [[ "${JMH_SKIP_BUILD:-0}" != 1 ]]; then
  # shellcheck disable=SC2086 # extra Maven arguments are meant to split
  (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests ${JMH_MVN_ARGS:-})
fi

# shellcheck disable=SC2086 # JVM options are meant to split
exec java ${JMH_JAVA_OPTS:-} -cp "$here/target/classes:$here/target/lib/*" org.openjdk.jmh.Main "$@"
