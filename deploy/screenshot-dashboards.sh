#!/usr/bin/env bash
# Screenshots every dashboard in grafana/dashboards/ with the preview renderer (grafana/preview/,
# a static page that is NOT Grafana: it lays the panels out by gridPos and runs their PromQL
# against Prometheus) into docs/img/dashboard-<name>.png.
#
# It runs deploy/check-dashboards.sh (all-in-one, standalone generator, demo feed, Debian's
# Prometheus), lets Prometheus collect a few minutes of real data once every query returns some,
# then serves grafana/ with a same-origin proxy to Prometheus and screenshots each dashboard with
# headless chromium (through playwright-core, installed into grafana/preview/node_modules).
#
# Usage: deploy/screenshot-dashboards.sh [seconds-of-data]        (default 240)
# Needs: java 17, python3, prometheus, chromium (Debian packages), node + npm.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
hold="${1:-240}"

if [ "${INNER:-}" != 1 ]; then
  command -v chromium >/dev/null || { echo "screenshot-dashboards: chromium is not installed (apt-get install chromium)" >&2; exit 2; }
  (cd "$root/grafana/preview" && [ -d node_modules/uplot ] && [ -d node_modules/playwright-core ] \
    || npm ci --no-audit --no-fund --silent)
  THEN="INNER=1 '$root/deploy/screenshot-dashboards.sh' '$hold'" exec "$root/deploy/check-dashboards.sh" 300
fi

# Inside check-dashboards.sh: the stack runs, PROM_URL and DASH_START are set.
wait_s=$(( DASH_START + hold - $(date +%s) ))
if [ "$wait_s" -gt 0 ]; then
  echo "screenshot-dashboards: letting Prometheus collect data for ${wait_s}s more ..."
  sleep "$wait_s"
fi
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
python3 "$root/grafana/preview/serve.py" "$PROM_URL" "$port" & server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/preview/index.html" >/dev/null && break; sleep 0.2; done
mkdir -p "$root/docs/img"
range=$(( $(date +%s) - DASH_START ))
dashes=()
for f in "$root"/grafana/dashboards/*.json; do
  name="$(basename "$f" .json)"
  dashes+=("$name:dashboard-${name#pxeflow-}.png")
done
node "$root/grafana/preview/shoot.mjs" "http://127.0.0.1:$port" "$range" "$root/docs/img" "${dashes[@]}"
