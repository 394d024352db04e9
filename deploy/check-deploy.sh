#!/usr/bin/env bash
# Static checks of deploy/ and grafana/ that need no Docker engine and no running service:
#   * compose.yaml parses, and every file, directory, Dockerfile and COPY source it refers to exists;
#     `docker-compose config` (Debian's 1.29, no engine needed) accepts it against Compose's schema
#   * the dashboards JSON is what grafana/generate.py writes (nobody edited one without the other)
#   * promtool accepts the rules (and their unit tests) and both scrape configs
#   * systemd-analyze verify accepts every unit (ExecStart binaries stubbed: the package is not installed here)
# Usage: deploy/check-deploy.sh     Needs python3 with PyYAML, promtool; systemd-analyze if present.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
fail=0

echo "== compose.yaml"
python3 - <<'PY' || fail=1
import pathlib, re, sys, yaml
deploy = pathlib.Path("deploy")
compose = yaml.safe_load((deploy / "compose.yaml").read_text())
# Files the admin creates before `docker compose up` (documented in compose.yaml's header).
created_by_admin = {"admin.token", "read.token", "kafka-secrets"}
missing = []
def need(path, why):
    if path.name not in created_by_admin and not path.exists():
        missing.append(f"{path} ({why})")
for name, svc in compose["services"].items():
    build = svc.get("build")
    if build:
        ctx = (deploy / build["context"]).resolve()
        need(ctx, f"{name} build context")
        dockerfile = ctx / build["dockerfile"]
        need(dockerfile, f"{name} Dockerfile")
        if dockerfile.exists():
            for line in dockerfile.read_text().splitlines():
                m = re.match(r"COPY\s+(?:--\S+\s+)*(.+)\s+\S+$", line.strip())
                if m:
                    for src in m.group(1).split():
                        hits = list(ctx.glob(src.rstrip("/")))
                        if not hits:
                            missing.append(f"{ctx / src} (COPY in {dockerfile.name}; built by ./mvnw package?)")
    for v in svc.get("volumes", []):
        src = v.split(":")[0]
        if src.startswith(".") or src.startswith("/"):
            need((deploy / src).resolve(), f"{name} volume")
        elif src not in (compose.get("volumes") or {}):
            missing.append(f"named volume {src} of {name} is not declared")
    for s in svc.get("secrets", []):
        if s not in compose.get("secrets", {}):
            missing.append(f"secret {s} of {name} is not declared")
    for dep in (svc.get("depends_on") or {}):
        if dep not in compose["services"]:
            missing.append(f"{name} depends on unknown service {dep}")
    pid = svc.get("pid", "")
    if pid.startswith("service:") and pid[8:] not in compose["services"]:
        missing.append(f"{name} shares the pid namespace of unknown service {pid[8:]}")
for name, s in compose.get("secrets", {}).items():
    need((deploy / s["file"]).resolve(), f"secret {name}")
# Grafana provisioning must point where compose mounts the dashboards.
prov = yaml.safe_load(pathlib.Path("grafana/provisioning/dashboards/pxeflow.yml").read_text())
mounted = [v.split(":")[1] for v in compose["services"]["grafana"]["volumes"] if "dashboards" in v]
for p in prov["providers"]:
    if p["options"]["path"] not in mounted:
        missing.append(f"grafana provisioning path {p['options']['path']} is not where compose mounts dashboards {mounted}")
for m in missing:
    print("  MISSING", m)
print(f"  {len(compose['services'])} services checked, {len(missing)} problems")
sys.exit(1 if missing else 0)
PY
if command -v docker-compose >/dev/null; then
  # Debian's docker-compose 1.29 predates the top-level `name`; everything else is checked.
  if sed '/^name:/d' deploy/compose.yaml | docker-compose --project-directory deploy -f - config -q; then
    echo "  docker-compose config: valid"
  else
    fail=1
  fi
else
  echo "  docker-compose not installed (apt-get install docker-compose): Compose schema not checked"; fail=1
fi

echo "== grafana/dashboards vs grafana/generate.py"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cp -r grafana "$tmp/grafana"
python3 "$tmp/grafana/generate.py"
if diff -r grafana/dashboards "$tmp/grafana/dashboards" >/dev/null; then
  echo "  up to date"
else
  echo "  grafana/dashboards differs from what grafana/generate.py writes: run it and commit"; fail=1
fi

echo "== promtool"
command -v promtool >/dev/null || { echo "  promtool missing (apt-get install prometheus)"; exit 1; }
promtool check rules deploy/prometheus/pxeflow-rules.yml >/dev/null || fail=1
promtool test rules deploy/prometheus/pxeflow-rules.test.yml >/dev/null || fail=1
# The configs read the controller's token from pxeflow.token beside them (the admin's): check a copy.
cp deploy/prometheus/*.yml "$tmp/" && echo stand-in-token >"$tmp/pxeflow.token"
promtool check config "$tmp/prometheus.yml" >/dev/null || fail=1
promtool check config "$tmp/prometheus-compose.yml" >/dev/null || fail=1
[ $fail = 0 ] && echo "  rules, rule tests and both configs pass"

echo "== systemd units"
if command -v systemd-analyze >/dev/null; then
  mkdir -p "$tmp/units"
  for u in deploy/systemd/*.service; do
    sed -e 's#/usr/bin/pxeflow-reporter#/bin/true#' -e 's#/usr/bin/pxeflow #/bin/true #' "$u" >"$tmp/units/$(basename "$u")"
  done
  # Dependencies on units this machine lacks (kafka, dnsmasq) are not errors of ours.
  out="$(cd "$tmp/units" && systemd-analyze verify --man=no ./*.service 2>&1 | grep -v -e '[^-]kafka\.service' -e 'dnsmasq\.service' || true)"
  if [ -n "$out" ]; then echo "$out"; fail=1; else echo "  $(ls "$tmp/units" | wc -l) units verified"; fi
else
  echo "  systemd-analyze not installed: units not verified"
fi
exit $fail
