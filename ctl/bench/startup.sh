#!/usr/bin/env bash
# Start-up benchmark of `bin/ctl nodes` against a real controller holding NODES nodes (default
# 1,000): `bin/pxeflow up` on a free port with an empty data directory, the nodes imported with
# `bin/ctl import`, then `bin/ctl nodes` timed by hyperfine (else /usr/bin/time), next to the same
# java command without the CDS archive. CTL_BEFORE=DIR adds DIR/bin/ctl (another checkout, built,
# e.g. `git archive <commit> | tar -x -C DIR`) to the same hyperfine run, so "before" and "after"
# share the machine's load. Usage: [CTL_BEFORE=DIR] ctl/bench/startup.sh [NODES] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
nodes="${1:-1000}"
runs="${2:-20}"
data="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
export PXEFLOW_URL="http://127.0.0.1:$port"
boot_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$root/bin/pxeflow" up --data "$data" --http-port "$port" --boot-port "$boot_port" --example none >"$data/up.log" 2>&1 &
up=$!
trap 'kill "$up" 2>/dev/null; wait "$up" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 360); do curl -sf "$PXEFLOW_URL/readyz" >/dev/null && break; sleep 0.5; done
curl -sf "$PXEFLOW_URL/readyz" >/dev/null || { tail -20 "$data/up.log"; echo "controller not ready" >&2; exit 1; }
export PXEFLOW_TOKEN="$(cat "$data/admin.token")"

python3 "$root/ctl/bench/gen-cluster.py" "$nodes" >"$data/cluster.conf"
# The first call also builds the ctl jar (if needed) and its CDS archive: not part of the measurement.
"$root/bin/ctl" import "$data/cluster.conf" | tail -1
before=()
if [ -n "${CTL_BEFORE:-}" ]; then
  "$CTL_BEFORE/bin/ctl" version >/dev/null
  before=(-n "before: $CTL_BEFORE/bin/ctl nodes" "$CTL_BEFORE/bin/ctl nodes")
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java:    $(java -version 2>&1 | head -1)"
echo "output:  $("$root/bin/ctl" nodes | wc -l) lines; GET /api/v1/nodes?view=brief (what ctl nodes reads) is" \
  "$(curl -s -H "Authorization: Bearer $PXEFLOW_TOKEN" "$PXEFLOW_URL/api/v1/nodes?view=brief" | wc -c) bytes, the full view" \
  "$(curl -s -H "Authorization: Bearer $PXEFLOW_TOKEN" "$PXEFLOW_URL/api/v1/nodes" | wc -c)"
target="$root/ctl/target"
plain=(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:-UsePerfData -jar "$target/pxeflow-ctl.jar" nodes)
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs "$runs" --output=null -n "bin/ctl nodes" "$root/bin/ctl nodes" \
    -n "same flags, no archive" "${plain[*]}" "${before[@]}"
else
  for i in $(seq "$runs"); do
    /usr/bin/time -f "run $i: %e s wall, %U s user, %S s sys, %M KB max RSS" "$root/bin/ctl" nodes >/dev/null
  done
fi
