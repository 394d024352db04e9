#!/usr/bin/env bash
# Runs the generator's RenderBenchmark, building the generator and the modules it needs first
# (with the reactor, -am: never `install`), so it works from a fresh clone:
#   generator/bench/run.sh [nodes] [dir] [--subnets K] [--changes N] [--validate]
# SKIP_BUILD=1 reuses the last build; BENCH_JAVA_OPTS replaces the JVM options.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -ntp -q -pl generator -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/cp.txt -Dcheckstyle.skip >&2
fi
cp="$root/generator/target/classes:$root/generator/target/test-classes:$(cat "$root/generator/target/cp.txt")"
exec java ${BENCH_JAVA_OPTS:--Xms1g -Xmx3g -XX:+UseG1GC} -Dlogback.configurationFile="$root/generator/bench/logback.xml" \
  -cp "$cp" io.pxeflow.generator.RenderBenchmark "$@"
