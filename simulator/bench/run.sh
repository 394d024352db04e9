#!/usr/bin/env bash
# Runs a simulator main class from this module's classpath, building it first (never `install`):
#   simulator/bench/run.sh simulate --nodes 10000 --duration 60      # the simulator / boot storm
#   simulator/bench/run.sh heartbeat-ingest                           # controller vs pass-through
#   simulator/bench/run.sh recovery --nodes 100000                    # restart, footprint, scrape
#   simulator/bench/run.sh hostile --messages 100000                  # hostile-input torture
#   simulator/bench/run.sh torture-cluster --nodes 10000              # 3 Kafka nodes, 2 controllers, 2 generators, kills
#   simulator/bench/run.sh jmh [JMH options]                          # state machine and codecs
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -ntp -q -pl simulator -am package -DskipTests -Dcheckstyle.skip >&2
fi
cp="$root/simulator/target/classes:$(cat "$root/simulator/target/classpath.txt")"
what="${1:-simulate}"; shift || true
case "$what" in
  simulate)         main=io.pxeflow.simulator.SimulatorMain ;;
  heartbeat-ingest) main=io.pxeflow.simulator.bench.HeartbeatIngestBench ;;
  recovery)         main=io.pxeflow.simulator.bench.RecoveryBench ;;
  hostile)          main=io.pxeflow.simulator.bench.HostileBench ;;
  torture-cluster)  main=io.pxeflow.simulator.cluster.ClusterTorture ;;
  jmh)              main=org.openjdk.jmh.Main ;;
  *) echo "unknown benchmark $what (simulate, heartbeat-ingest, recovery, hostile, torture-cluster, jmh)" >&2; exit 2 ;;
esac
exec java ${BENCH_JAVA_OPTS:--Xms512m -Xmx2g -XX:+UseG1GC} -Dlogback.configurationFile="$root/simulator/bench/logback.xml" \
  -cp "$cp" "$main" "$@"
