#!/usr/bin/env bash
# The acceptance walk of issue 5, through the real launchers: a fresh `bin/pxeflow up` on a free
# port and an empty data directory, then bin/ctl with --url and --token-file: import seed 002's
# node entries, list them, reprovision node15, watch it change as PXE events arrive (the iPXE
# endpoint's answer is the PXE event), export and re-import with no difference.
# Usage: ctl/acceptance/walk.sh            (prints every command and what it printed)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
conf="$root/ctl/src/test/resources/live/seed-002.conf"
data="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"
boot_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
boot="http://127.0.0.1:$boot_port"
node15_mac="00:a0:d1:e5:c4:6e"

echo "# bin/pxeflow up --data $data --http-port $port --boot-port $boot_port --example none"
"$root/bin/pxeflow" up --data "$data" --http-port "$port" --boot-port "$boot_port" --example none >"$data/up.log" 2>&1 &
up=$!
cleanup() {
  [ -f "$data/reporter.pid" ] && kill "$(cat "$data/reporter.pid")" 2>/dev/null || true
  kill "$up" 2>/dev/null && wait "$up" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
start=$(date +%s)
until curl -sf "$url/readyz" >/dev/null; do
  if ! kill -0 "$up" 2>/dev/null; then cat "$data/up.log"; echo "pxeflow up died" >&2; exit 1; fi
  [ $(( $(date +%s) - start )) -lt 180 ] || { tail -20 "$data/up.log"; echo "not ready after 180 s" >&2; exit 1; }
  sleep 0.5
done
echo "# ready after $(( $(date +%s) - start )) s; token in $data/admin.token"

ctl() {
  echo
  echo "\$ bin/ctl $*"
  local rc=0
  "$root/bin/ctl" "$@" --url "$url" --token-file "$data/admin.token" || rc=$?
  echo "[exit $rc]"
}
pxe() {
  echo
  echo "\$ curl -s '$boot/boot/ipxe?mac=$1'   # node's iPXE fetches its script from the node listener: the PXE event"
  curl -sf "$boot/boot/ipxe?mac=$1" | sed 's/^/    /'
}

ctl import "$conf" --dry-run
ctl import "$conf"
ctl nodes
ctl nodes node15 -o wide
# node15 was imported at stage pxe: its first PXE answer installs it and flips it to local; then
# its node-reporter (this machine's /proc, as node15) makes it up.
pxe "$node15_mac"
kafka="$(curl -s -H "Authorization: Bearer $(cat "$data/read.token")" "$url/api/v1/info" | python3 -c 'import json,sys; print(json.load(sys.stdin)["kafkaBootstrap"])')"
reporter() {
  echo "\$ bin/pxeflow reporter --node node15 --bootstrap $kafka --interval 3 &"
  "$root/bin/pxeflow" reporter --node node15 --bootstrap "$kafka" --interval 3 >"$data/reporter.log" 2>&1 &
  echo $! >"$data/reporter.pid"
}
reporter
until "$root/bin/ctl" nodes node15 --url "$url" --token-file "$data/read.token" -o json | grep -q '"status" : "up"'; do sleep 1; done
ctl status node15
# Watch node15 while it is reprovisioned: the reporter stops (the node reboots), its next PXE
# boot arrives, the reporter starts again.
echo
echo "\$ bin/ctl watch node15 --count 6 > watch.out &"
"$root/bin/ctl" watch node15 --count 6 --url "$url" --token-file "$data/admin.token" >"$data/watch.out" 2>&1 &
watcher=$!
(
  sleep 4
  kill "$(cat "$data/reporter.pid")"
  echo "    [node15 reboots: reporter stopped, then its iPXE fetch]"
  curl -sf "$boot/boot/ipxe?mac=$node15_mac" >/dev/null
  sleep 2
  reporter
) &
ctl reprovision node15 --wait --timeout 120s
wait "$watcher" && echo "[watch exit 0]" || echo "[watch exit $?]"
cat "$data/watch.out"
ctl nodes node15
ctl events node15
echo
echo "\$ bin/ctl export > exported.conf"
"$root/bin/ctl" export --url "$url" --token-file "$data/admin.token" >"$data/exported.conf"
cat "$data/exported.conf"
ctl import "$data/exported.conf" --dry-run
ctl import "$data/exported.conf"
ctl nodes
