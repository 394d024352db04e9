#!/usr/bin/env bash
# Proves the dashboards show data: starts the all-in-one (embedded Kafka + controller), a
# standalone generator with reload and validation hooks (as beside dnsmasq on a real head node),
# a bridge following a dnsmasq log, the demo feed (DHCP, PXE and heartbeats for the example
# cluster), and Debian's Prometheus scraping all three; then runs every PromQL expression of every grafana/dashboards/*.json through
# Prometheus' HTTP API (query_range over the run, as Grafana does) and fails if any returns no
# data.
#
# Usage: deploy/check-dashboards.sh [seconds-to-wait-at-most]      (default 150)
#        THEN='command' deploy/check-dashboards.sh ...   runs the command after a passing check,
#        while the stack still runs, with PROM_URL and DASH_START (epoch seconds) exported; its
#        exit status becomes the script's (deploy/screenshot-dashboards.sh uses this).
# Needs: java 17, python3, prometheus (Debian package). Builds headnode with the Maven wrapper
# (package, never install) when its jar is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
budget="${1:-150}"
jar="$root/headnode/target/pxeflow-headnode.jar"
command -v prometheus >/dev/null || { echo "check-dashboards: prometheus is not installed (apt-get install prometheus)" >&2; exit 2; }

if [ ! -f "$jar" ] || [ ! -d "$root/headnode/target/lib" ]; then
  echo "check-dashboards: building headnode ..." >&2
  (cd "$root" && ./mvnw -o -q -B -ntp -pl headnode -am package -DskipTests -Dcheckstyle.skip)
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work="$(mktemp -d /tmp/pxeflow-dashcheck.XXXXXX)"
http_port="$(free_port)"; kafka_port="$(free_port)"; gen_port="$(free_port)"; prom_port="$(free_port)"
bridge_port="$(free_port)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
java_opts=(-Xms128m -Xmx512m -XX:+UseSerialGC)
run() { local name="$1"; shift; "$@" >"$work/$name.log" 2>&1 & pids+=($!); }

echo "check-dashboards: all-in-one on :$http_port, kafka :$kafka_port, generator metrics :$gen_port," \
  "bridge metrics :$bridge_port, prometheus :$prom_port ($work)"
cd "$root"
run pxeflow-up java "${java_opts[@]}" -jar "$jar" up --data "$work/data" --http-port "$http_port" \
  --boot-port "$(free_port)" --kafka-port "$kafka_port" --kafka-host 127.0.0.1 --example examples/cluster.conf
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$http_port/readyz" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$http_port/readyz" >/dev/null || { echo "all-in-one did not become ready"; tail -30 "$work/pxeflow-up.log"; exit 1; }
start="$(date +%s)"

cat >"$work/generator.properties" <<EOF
generator.id=rack1
output.dir=$work/rack1
reload.dnsmasq=true
reload.hosts=true
validate.dhcpd=dhcpd -t -cf {file}
EOF
run generator java "${java_opts[@]}" -jar "$jar" generator --bootstrap "127.0.0.1:$kafka_port" \
  --config "$work/generator.properties" --metrics-port "$gen_port"
run feed java "${java_opts[@]}" -jar "$jar" demo-feed --bootstrap "127.0.0.1:$kafka_port" --interval 5
: >"$work/dnsmasq.log"
run bridge java "${java_opts[@]}" -jar "$jar" bridge --bootstrap "127.0.0.1:$kafka_port" --spool "$work/spool" \
  --dnsmasq-log "$work/dnsmasq.log" --server head1 --metrics-port "$bridge_port"

cat >"$work/prometheus.yml" <<EOF
global: {scrape_interval: 5s, evaluation_interval: 5s}
scrape_configs:
  - job_name: pxeflow-controller
    authorization: {credentials_file: $work/data/read.token}
    static_configs: [{targets: ['127.0.0.1:$http_port'], labels: {role: controller}}]
  - job_name: pxeflow-generator
    static_configs: [{targets: ['127.0.0.1:$gen_port'], labels: {role: generator}}]
  - job_name: pxeflow-bridge
    static_configs: [{targets: ['127.0.0.1:$bridge_port'], labels: {role: bridge}}]
EOF
run prometheus prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prom" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn

python3 - "$root/grafana/dashboards" "http://127.0.0.1:$prom_port" "$start" "$budget" <<'PY'
import json, pathlib, re, sys, time, urllib.parse, urllib.request

dash_dir, prom, start, budget = pathlib.Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

def exprs(d):
    out = []
    def walk(n):
        if isinstance(n, dict):
            if isinstance(n.get("expr"), str) and n["expr"].strip():
                out.append(n["expr"])
            for v in n.values():
                walk(v)
        elif isinstance(n, list):
            for v in n:
                walk(v)
    walk(d.get("panels", []))
    walk(d.get("annotations", {}))
    for v in d.get("templating", {}).get("list", []):
        q = v.get("query")
        q = q.get("query", "") if isinstance(q, dict) else (q or "")
        m = re.match(r"label_values\(\s*([^,)]+)", q)
        if v.get("type") == "query" and m:
            out.append(m.group(1).strip())
    return out

def get(path, **params):
    url = f"{prom}{path}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.load(r)

def run(expr, node):
    e = (expr.replace("$__rate_interval", "30s").replace("$__interval", "15s")
             .replace("$node", node).replace("${node}", node))
    now = time.time()
    r = get("/api/v1/query_range", query=e, start=start, end=now, step="5")
    return len(r["data"]["result"])

queries = [(f.name, e) for f in sorted(dash_dir.glob("*.json")) for e in exprs(json.loads(f.read_text()))]
deadline = start + budget
while True:
    try:
        nodes = get("/api/v1/label/node/values")["data"]
        node = "node15" if "node15" in nodes else (nodes[0] if nodes else "none")
        empty = [(f, e) for f, e in queries if run(e, node) == 0]
    except Exception as ex:  # Prometheus still starting
        empty = queries
        print("waiting for prometheus:", ex)
    if not empty or time.time() > deadline:
        break
    print(f"{len(queries) - len(empty)}/{len(queries)} dashboard queries return data; waiting ...")
    time.sleep(10)
print(f"{len(queries) - len(empty)}/{len(queries)} dashboard queries return data (node variable = {node})")
for f, e in empty:
    print(f"  EMPTY  {f}: {e}")
sys.exit(1 if empty else 0)
PY
if [ -n "${THEN:-}" ]; then
  PROM_URL="http://127.0.0.1:$prom_port" DASH_START="$start" bash -c "$THEN"
fi
