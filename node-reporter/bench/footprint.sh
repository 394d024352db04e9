#!/bin/bash
# Footprint of the pxeflow reporter next to Debian's prometheus-node-exporter, measured the same
# way on the same machine at the same time: resident memory (VmRSS, sampled every few seconds)
# and CPU time (utime+stime of /proc/PID/stat at the end).
#
#   bench/footprint.sh [SECONDS=300] [SAMPLE_EVERY=5]
#
# The reporter runs through bin/pxeflow-reporter (the production JVM flags) at a 1 s interval
# against BOOTSTRAP if set, else an embedded broker started here in its own JVM (not measured).
# node_exporter runs with its default collectors on a loopback port and is scraped once a second
# with curl, so both do their work once a second. The reporter gets a class-data-sharing archive
# built before the measurement, as the systemd unit does (PXEFLOW_REPORTER_CDS; set it to an
# empty string to measure without). Needs: the standalone jar (./mvnw -pl node-reporter -am package -DskipTests),
# prometheus-node-exporter (apt-get install -y prometheus-node-exporter), curl.
set -euo pipefail

duration=${1:-300}
every=${2:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
tick=$(getconf CLK_TCK)
work=$(mktemp -d /tmp/pxeflow-footprint.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

bootstrap=${BOOTSTRAP:-}
if [ -z "$bootstrap" ]; then
    # -am: from a fresh clone the sibling modules are built in the reactor, never installed. The last
    # module of the reactor (node-reporter) writes the classpath file last.
    (cd "$here/.." && ./mvnw -q -B -pl node-reporter -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
        -Dcheckstyle.skip -Dmdep.outputFile="$work/cp.txt" >/dev/null)
    port=$(free_port)
    : >"$work/broker.log"
    java -cp "$here/target/test-classes:$here/target/classes:$(cat "$work/cp.txt")" \
        io.pxeflow.reporter.BenchBroker "$port" "$work/kafka" >"$work/broker.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 120); do grep -q '^READY' "$work/broker.log" && break; sleep 0.5; done
    bootstrap=$(awk '/^READY/ {print $2}' "$work/broker.log")
    [ -n "$bootstrap" ] || { echo "broker did not start:"; tail -20 "$work/broker.log"; exit 1; }
fi

export PXEFLOW_REPORTER_CDS="${PXEFLOW_REPORTER_CDS-$work/reporter.jsa}"
"$here/bin/pxeflow-reporter" --version >/dev/null

"$here/bin/pxeflow-reporter" --bootstrap "$bootstrap" --interval 1 --node bench --config /dev/null \
    2>"$work/reporter.log" &
reporter=$!
pids+=("$reporter")

ne_port=$(free_port)
/usr/bin/prometheus-node-exporter --web.listen-address="127.0.0.1:$ne_port" >"$work/ne.log" 2>&1 &
exporter=$!
pids+=("$exporter")
( while sleep 1; do curl -s -o /dev/null "http://127.0.0.1:$ne_port/metrics" || true; done ) &
pids+=($!)

rss() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

sleep "$every"
start_r=$(cpu_ticks "$reporter"); start_e=$(cpu_ticks "$exporter")
declare -a rss_r rss_e
elapsed=0
while [ "$elapsed" -lt "$duration" ]; do
    rss_r+=("$(rss "$reporter")"); rss_e+=("$(rss "$exporter")")
    sleep "$every"; elapsed=$((elapsed + every))
done
end_r=$(cpu_ticks "$reporter"); end_e=$(cpu_ticks "$exporter")
rss_r+=("$(rss "$reporter")"); rss_e+=("$(rss "$exporter")")

stats() { printf '%s\n' "$@" | awk '{s+=$1; if(min==""||$1<min)min=$1; if($1>max)max=$1} END {printf "%d %d %d", min, s/NR, max}'; }
read -r r_min r_avg r_max <<<"$(stats "${rss_r[@]}")"
read -r e_min e_avg e_max <<<"$(stats "${rss_e[@]}")"
heartbeats=$(grep -c . "$work/reporter.log" || true)

echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(uname -r)"
echo "reporter JVM: $(tr '\0' ' ' <"/proc/$reporter/cmdline" | sed 's/ -jar .*//')"
echo "window: ${duration} s after a ${every} s warm-up; RSS sampled every ${every} s; reporter and node_exporter side by side"
printf '%-26s %10s %10s %10s %12s %12s %12s\n' "process" "RSS min" "RSS avg" "RSS max" "CPU total" "CPU window" "% of 1 core"
row() { # name min avg max total_ticks window_ticks
    printf '%-26s %7d KB %7d KB %7d KB %10.2f s %10.2f s %11.3f%%\n' "$1" "$2" "$3" "$4" \
        "$(echo "$5 / $tick" | bc -l)" "$(echo "$6 / $tick" | bc -l)" "$(echo "$6 / $tick / $duration * 100" | bc -l)"
}
row "pxeflow-reporter (JVM)" "$r_min" "$r_avg" "$r_max" "$end_r" "$((end_r - start_r))"
row "prometheus-node-exporter" "$e_min" "$e_avg" "$e_max" "$end_e" "$((end_e - start_e))"
echo "ratio reporter/node_exporter: RSS avg $(echo "scale=2; $r_avg / $e_avg" | bc)x," \
    "CPU in window $(echo "scale=2; ($end_r - $start_r) / (($end_e - $start_e) + 0.0001)" | bc)x"
echo "reporter startup CPU (first ${every} s incl. JVM start): $(echo "scale=2; $start_r / $tick" | bc) s"
echo "reporter log lines: $heartbeats (warnings would show here):"; tail -3 "$work/reporter.log"
