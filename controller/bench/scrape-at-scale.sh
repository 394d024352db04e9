#!/usr/bin/env bash
# End-to-end /metrics at scale: the all-in-one with an N-node inventory (default 10,000), every
# node booted and heartbeating through the demo feed, then /metrics fetched with curl as
# Prometheus would (gzip) and without compression. Prints time and size per scrape.
# Usage: controller/bench/scrape-at-scale.sh [nodes] [scrapes]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-10000}"; scrapes="${2:-10}"
jar="$root/headnode/target/pxeflow-headnode.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -ntp -pl headnode -am package -DskipTests -Dcheckstyle.skip)
work="$(mktemp -d /tmp/pxeflow-scrape.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http="$(free_port)"; kafka="$(free_port)"

python3 - "$n" >"$work/cluster.conf" <<'PY'
import ipaddress, sys
n = int(sys.argv[1])
first = ipaddress.ip_address("10.54.0.10")
print(f"nodes {n}\nmaster 10.54.0.1\nnetmask 255.0.0.0\niprange {first} {first + n - 1}")
print("class compute kernelimage /var/lib/pxeflow/boot/vmlinuz\nclass compute initrdimage /var/lib/pxeflow/boot/initrd.img")
print("class compute kernelcommandline console=ttyS0,115200n8")
for i in range(n):
    print(f"node {i} compute pxe+local local 02:00:00:{i >> 16 & 255:02x}:{i >> 8 & 255:02x}:{i & 255:02x}")
PY

cd "$root"
java -Xms512m -Xmx2g -jar "$jar" up --data "$work/data" --http-port "$http" --boot-port "$(free_port)" --kafka-port "$kafka" --kafka-host 127.0.0.1 \
  --example "$work/cluster.conf" >"$work/up.log" 2>&1 & pids+=($!)
until grep -q "pxeflow is up" "$work/up.log"; do sleep 2; kill -0 "${pids[0]}" || { tail -20 "$work/up.log"; exit 1; }; done
# The API and /metrics take a token (a read-only one is enough).
auth=(-H "Authorization: Bearer $(cat "$work/data/read.token")")
until [ "$(curl -s "${auth[@]}" "http://127.0.0.1:$http/api/v1/info" | python3 -c 'import json,sys; print(json.load(sys.stdin)["nodes"])')" -ge "$n" ]; do sleep 2; done
java -Xmx512m -jar "$jar" demo-feed --bootstrap "127.0.0.1:$kafka" --interval 5 >"$work/feed.log" 2>&1 & pids+=($!)
# Wait until (almost) every node reports load, i.e. has heartbeated.
until [ "$(curl -s "${auth[@]}" "http://127.0.0.1:$http/metrics" | grep -c '^pxeflow_node_load1{')" -ge $((n - 2)) ]; do sleep 5; done
sleep 10
echo "nodes $n, $(curl -s "${auth[@]}" "http://127.0.0.1:$http/metrics" | wc -l) lines per scrape"
measure() {
  for mode in gzip plain; do
    opt=(); [ "$mode" = gzip ] && opt=(--compressed)
    for i in $(seq 1 "$scrapes"); do
      curl -s "${auth[@]}" "${opt[@]}" -o /dev/null -w "%{time_total} %{size_download}\n" "http://127.0.0.1:$http/metrics"
    done | awk -v m="$mode" -v c="$1" '{t+=$1; if ($1>mx) mx=$1; s=$2} END {printf "%-28s %-5s scrape: mean %.3f s, max %.3f s, %.1f MB on the wire (%d scrapes)\n", c, m, t/NR, mx, s/1e6, NR}'
  done
  echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}
measure "heartbeats flowing (2k/s):"
kill "${pids[1]}"; sleep 5
measure "feed stopped:"
