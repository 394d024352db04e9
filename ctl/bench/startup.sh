#!/usr/bin/env bash
# Start-up benchmark of `bin/ctl nodes` against a 1,000-node stub controller (python3 http.server
# serving GET /api/v1/nodes as a file). Prints the machine, then hyperfine's figures if
# hyperfine is installed, else ten bash `time` runs. Usage: ctl/bench/startup.sh [NODES] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
nodes="${1:-1000}"
runs="${2:-10}"
dir="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
python3 "$root/ctl/bench/gen-nodes.py" "$dir" "$nodes"
(cd "$dir" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$dir"' EXIT
export PXEFLOW_URL="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -sf "$PXEFLOW_URL/api/v1/info" >/dev/null && break; sleep 0.1; done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java:    $(java -version 2>&1 | head -1)"
# The first run builds the jar (if needed) and the CDS archive: not part of the measurement.
"$root/bin/ctl" nodes >/dev/null
echo "rows:    $("$root/bin/ctl" nodes | wc -l) lines of output"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs "$runs" --output=null "$root/bin/ctl nodes"
else
  for i in $(seq "$runs"); do
    /usr/bin/time -f "run $i: %e s wall, %U s user, %S s sys, %M KB max RSS" "$root/bin/ctl" nodes >/dev/null
  done
fi
