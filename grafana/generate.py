#!/usr/bin/env python3
"""Writes grafana/dashboards/*.json: pxeflow's dashboards as code.

Edit this file, run it (python3 grafana/generate.py), commit both. deploy/check-deploy.sh fails
when the JSON and this file disagree, and ObservabilityIT checks every metric name the JSON
queries against a real scrape of the all-in-one.

Several controllers can run at once and each exports the cluster-wide view (pxeflow_nodes,
pxeflow_node_*, pxeflow_config_*): queries over those take max across instances rather than
summing them. Counters of work done (transitions, events processed, dead letters, lag) are per
instance and are summed.
"""
import json
import pathlib

DS = {"type": "prometheus", "uid": "${datasource}"}
OUT = pathlib.Path(__file__).resolve().parent / "dashboards"

# pxeflow_node_status_code values (controller StatusCodes): never renumber.
STATUS = [("registered", "blue"), ("dhcp", "light-blue"), ("netbooting", "purple"), ("booting", "light-purple"),
          ("up", "green"), ("stale", "orange"), ("down", "red"), ("boot-loop", "dark-red")]
STATUS_MAPPINGS = [{"type": "value", "options": {str(i): {"text": name, "color": color, "index": i}
                                                  for i, (name, color) in enumerate(STATUS)}}]
# pxeflow_node_power_state values (controller NodePower).
POWER = [("-1", "unknown", "text"), ("0", "off", "red"), ("1", "on", "green")]
POWER_MAPPINGS = [{"type": "value", "options": {v: {"text": name, "color": color, "index": i}
                                                 for i, (v, name, color) in enumerate(POWER)}}]


class Layout:
    """Places panels left to right in rows of 24 grid units."""

    def __init__(self):
        self.x, self.y, self.row_h, self.next_id, self.panels = 0, 0, 0, 1, []

    def add(self, panel, w, h):
        if self.x + w > 24:
            self.x, self.y, self.row_h = 0, self.y + self.row_h, 0
        panel["id"] = self.next_id
        panel["gridPos"] = {"x": self.x, "y": self.y, "w": w, "h": h}
        panel.setdefault("datasource", DS)
        self.next_id += 1
        self.x += w
        self.row_h = max(self.row_h, h)
        self.panels.append(panel)

    def row(self, title):
        if self.x:
            self.x, self.y, self.row_h = 0, self.y + self.row_h, 0
        self.panels.append({"id": self.next_id, "type": "row", "title": title, "collapsed": False,
                            "gridPos": {"x": 0, "y": self.y, "w": 24, "h": 1}, "panels": []})
        self.next_id += 1
        self.y += 1


def target(expr, legend="", ref="A", instant=False, fmt=None):
    t = {"refId": ref, "expr": expr, "datasource": DS, "legendFormat": legend}
    if instant:
        t["instant"], t["range"] = True, False
    if fmt:
        t["format"] = fmt
    return t


def stat(title, expr, unit="short", color="text", mappings=None, text_mode="auto", desc=""):
    return {"type": "stat", "title": title, "description": desc, "targets": [target(expr, instant=True)],
            "fieldConfig": {"defaults": {"unit": unit, "color": {"mode": "fixed", "fixedColor": color},
                                         "mappings": mappings or []}, "overrides": []},
            "options": {"reduceOptions": {"calcs": ["lastNotNull"], "values": False}, "colorMode": "background",
                        "graphMode": "none", "textMode": text_mode, "justifyMode": "center"}}


def series(title, targets, unit="short", stack=False, bars=False, desc=""):
    custom = {"drawStyle": "bars" if bars else "line", "fillOpacity": 60 if bars else 10, "lineWidth": 1,
              "stacking": {"mode": "normal" if stack else "none", "group": "A"}}
    return {"type": "timeseries", "title": title, "description": desc, "targets": targets,
            "fieldConfig": {"defaults": {"unit": unit, "custom": custom}, "overrides": []},
            "options": {"legend": {"displayMode": "list", "placement": "bottom"}, "tooltip": {"mode": "multi"}}}


def table(title, targets, desc=""):
    return {"type": "table", "title": title, "description": desc, "targets": targets,
            "transformations": [{"id": "merge", "options": {}},
                                {"id": "organize", "options": {"excludeByName": {"Time": True}}}],
            "fieldConfig": {"defaults": {}, "overrides": []}, "options": {"showHeader": True}}


def heatmap(title, expr, unit, desc=""):
    return {"type": "heatmap", "title": title, "description": desc, "targets": [target(expr, "{{node}}")],
            "options": {"calculate": True, "calculation": {"yBuckets": {"mode": "count", "value": "20"}},
                        "color": {"mode": "scheme", "scheme": "Oranges", "steps": 64},
                        "yAxis": {"unit": unit}, "cellGap": 1, "tooltip": {"show": True, "yHistogram": True}},
            "fieldConfig": {"defaults": {}, "overrides": []}}


def datasource_var():
    return {"name": "datasource", "type": "datasource", "query": "prometheus", "label": "Data source",
            "current": {}, "hide": 0}


def dashboard(uid, title, layout, variables=(), annotations=(), refresh="30s", time_from="now-6h"):
    return {"uid": uid, "title": title, "tags": ["pxeflow"], "schemaVersion": 39, "version": 1,
            "editable": True, "refresh": refresh, "time": {"from": time_from, "to": "now"},
            "templating": {"list": [datasource_var(), *variables]},
            "annotations": {"list": [{"builtIn": 1, "datasource": {"type": "grafana", "uid": "-- Grafana --"},
                                      "enable": True, "hide": True, "iconColor": "rgba(0, 211, 255, 1)",
                                      "name": "Annotations & Alerts", "type": "dashboard"}, *annotations]},
            "panels": layout.panels}


def annotation(name, expr, title, text, color):
    return {"name": name, "datasource": DS, "enable": True, "iconColor": color, "expr": expr, "step": "30s",
            "titleFormat": title, "textFormat": text, "useValueForTime": False}


def nodes_with(status_re):
    return 'max by (node, class, status, stage) (pxeflow_node_info{status=~"%s"})' % status_re


def overview():
    L = Layout()
    for title, expr, color in [
            ("Up", 'max(sum by (instance) (pxeflow_nodes{status="up"}))', "green"),
            ("Booting", 'max(sum by (instance) (pxeflow_nodes{status=~"dhcp|netbooting|booting"}))', "purple"),
            ("Stale", 'max(sum by (instance) (pxeflow_nodes{status="stale"}))', "orange"),
            ("Down", 'max(sum by (instance) (pxeflow_nodes{status="down"}))', "red"),
            ("Boot-looping", "max(pxeflow_boot_looping_nodes)", "dark-red"),
            ("Stage pxe (will install)", 'max(sum by (instance) (pxeflow_nodes{stage="pxe"}))', "blue"),
            ("Unknown MACs", "max(pxeflow_discovered_macs)", "yellow"),
            ("Config pending", "max(sum by (instance) (pxeflow_config_pending_nodes))", "text")]:
        L.add(stat(title, expr, color=color), 3, 4)
    grid = stat("Node state (one cell per node)", "max by (node) (pxeflow_node_status_code)",
                mappings=STATUS_MAPPINGS, text_mode="value_and_name",
                desc="Each cell is a node, coloured by status. Colours: " + ", ".join(f"{n} {c}" for n, c in STATUS))
    grid["fieldConfig"]["defaults"]["color"] = {"mode": "thresholds"}
    grid["fieldConfig"]["defaults"]["thresholds"] = {"mode": "absolute", "steps": [{"color": "blue", "value": None}]}
    grid["options"]["orientation"] = "vertical"
    grid["options"]["wideLayout"] = False
    grid["options"]["text"] = {"titleSize": 10, "valueSize": 10}
    grid["targets"][0]["legendFormat"] = "{{node}}"
    L.add(grid, 24, 9)
    L.add(series("Nodes by status", [target("max by (status) (sum by (instance, status) (pxeflow_nodes))", "{{status}}")],
                 stack=True), 12, 8)
    L.add(series("Boot and reprovision activity", [
        target('sum by (kind) (increase(pxeflow_transitions_total{kind=~"reprovision|stage-changed|rebooted|boot-loop|'
               'install-complete"}[$__rate_interval]))', "{{kind}}")], bars=True), 12, 8)
    L.add(series("DHCP, PXE and heartbeat input", [
        target("sum by (topic) (rate(pxeflow_events_processed_total[$__rate_interval]))", "{{topic}}")], unit="reqps"),
        12, 8)
    L.add(series("Reboots seen in heartbeats", [
        target("sum(max by (node) (increase(pxeflow_node_reboots_total[$__rate_interval])))", "reboots")], bars=True),
        12, 8)
    L.row("Nodes needing attention")
    L.add(table("Boot-looping nodes", [target(nodes_with("boot-loop"), instant=True, fmt="table")],
                desc="Answered by PXE 3 times within 15 minutes without coming up. `ctl reprovision NODE` clears it."),
          12, 8)
    L.add(table("Nodes powered off", [
        target('max by (node, class) (pxeflow_node_power_state) == 0', instant=True, fmt="table")],
        desc="Nodes whose BMC last reported power off (`ctl power on NODE`), e.g. after the boot-loop policy "
             "powered them off."), 12, 8)
    L.add(table("Down and stale nodes", [
        target(nodes_with("stale|down"), instant=True, fmt="table"),
        target('max by (node, class) (pxeflow_node_heartbeat_age_seconds) and on (node, class) '
               + nodes_with("stale|down"), ref="B", instant=True, fmt="table")],
        desc="Value #B is the seconds since the node's last heartbeat."), 12, 8)
    L.row("Cluster-wide resources")
    L.add(heatmap("CPU busy across nodes", "max by (node) (pxeflow_node_cpu_busy_ratio)", "percentunit"), 8, 9)
    L.add(heatmap("Memory used across nodes",
                  "max by (node) (pxeflow_node_memory_used_bytes) / (max by (node) (pxeflow_node_memory_used_bytes) "
                  "+ max by (node) (pxeflow_node_memory_available_bytes))", "percentunit"), 8, 9)
    L.add(heatmap("Network received across nodes",
                  "sum by (node) (max by (node, interface) "
                  "(rate(pxeflow_node_network_receive_bytes_total[$__rate_interval])))", "Bps"), 8, 9)
    L.add(series("Busiest nodes (load1)", [target("topk(10, max by (node) (pxeflow_node_load1))", "{{node}}")]), 12, 8)
    L.add(series("Fullest filesystems", [target(
        "topk(10, max by (node, mount) (pxeflow_node_filesystem_used_bytes) / "
        "max by (node, mount) (pxeflow_node_filesystem_size_bytes))", "{{node}} {{mount}}")], unit="percentunit"), 12, 8)
    return dashboard("pxeflow-overview", "pxeflow cluster overview", L, annotations=[
        annotation("Lifecycle events",
                   'sum by (kind) (increase(pxeflow_transitions_total{kind=~"boot-loop|reprovision|rebooted|'
                   'install-complete|node-added|node-removed"}[1m])) > 0', "{{kind}}", "{{kind}} events", "orange"),
        annotation("Node status changes", "max by (node) (changes(pxeflow_node_status_code[1m])) > 0",
                   "{{node}}", "{{node}} changed status", "purple")])


def node_detail():
    L = Layout()
    n = 'node="$node"'
    L.add(stat("Status", f"max(pxeflow_node_status_code{{{n}}})", mappings=STATUS_MAPPINGS), 4, 4)
    L.add(stat("Stage", f"max by (stage) (pxeflow_node_info{{{n}}})", text_mode="name", color="blue"), 3, 4)
    L.add(stat("Class", f"max by (class) (pxeflow_node_info{{{n}}})", text_mode="name", color="text"), 4, 4)
    power = stat("Power", f"max(pxeflow_node_power_state{{{n}}})", mappings=POWER_MAPPINGS,
                 desc="As the node's BMC last reported it (a power worker's result); no value: the node has no BMC.")
    power["fieldConfig"]["defaults"]["color"] = {"mode": "thresholds"}
    power["fieldConfig"]["defaults"]["thresholds"] = {"mode": "absolute", "steps": [{"color": "text", "value": None}]}
    L.add(power, 3, 4)
    L.add(stat("Uptime", f"max(pxeflow_node_uptime_seconds{{{n}}})", unit="s"), 3, 4)
    L.add(stat("Since last heartbeat", f"max(pxeflow_node_heartbeat_age_seconds{{{n}}})", unit="s", color="text"), 4, 4)
    L.add(stat("Reboots seen", f"max(pxeflow_node_reboots_total{{{n}}})"), 3, 4)
    timeline = {"type": "state-timeline", "title": "Status history",
                "targets": [target(f"max(pxeflow_node_status_code{{{n}}})", "status")],
                "fieldConfig": {"defaults": {"mappings": STATUS_MAPPINGS, "color": {"mode": "thresholds"},
                                             "thresholds": {"mode": "absolute",
                                                            "steps": [{"color": "blue", "value": None}]}},
                                "overrides": []},
                "options": {"showValue": "auto", "mergeValues": True, "rowHeight": 0.8}}
    L.add(timeline, 8, 5)
    stage = {"type": "state-timeline", "title": "Stage history",
             "targets": [target(f"max by (stage) (pxeflow_node_info{{{n}}})", "{{stage}}")],
             "fieldConfig": {"defaults": {"mappings": [{"type": "value", "options": {"1": {"text": "current"}}}]},
                             "overrides": []},
             "options": {"showValue": "never", "mergeValues": True, "rowHeight": 0.8}}
    L.add(stage, 8, 5)
    power_history = {"type": "state-timeline", "title": "Power history",
                     "targets": [target(f"max(pxeflow_node_power_state{{{n}}})", "power")],
                     "fieldConfig": {"defaults": {"mappings": POWER_MAPPINGS, "color": {"mode": "thresholds"},
                                                  "thresholds": {"mode": "absolute",
                                                                 "steps": [{"color": "text", "value": None}]}},
                                     "overrides": []},
                     "options": {"showValue": "auto", "mergeValues": True, "rowHeight": 0.8}}
    L.add(power_history, 8, 5)
    L.add(series("Load", [target(f"max(pxeflow_node_load1{{{n}}})", "load1")]), 8, 8)
    L.add(series("CPU", [target(f"max(pxeflow_node_cpu_busy_ratio{{{n}}})", "busy"),
                         target(f"max(pxeflow_node_cpu_iowait_ratio{{{n}}})", "iowait", ref="B")], unit="percentunit"),
          8, 8)
    L.add(series("Memory", [target(f"max(pxeflow_node_memory_used_bytes{{{n}}})", "used"),
                            target(f"max(pxeflow_node_memory_available_bytes{{{n}}})", "available", ref="B"),
                            target(f"max(pxeflow_node_swap_used_bytes{{{n}}})", "swap used", ref="C")], unit="bytes"),
          8, 8)
    L.add(series("Filesystems used", [target(
        f"max by (mount) (pxeflow_node_filesystem_used_bytes{{{n}}}) / "
        f"max by (mount) (pxeflow_node_filesystem_size_bytes{{{n}}})", "{{mount}}")], unit="percentunit"), 8, 8)
    L.add(series("Network", [
        target(f"max by (interface) (rate(pxeflow_node_network_receive_bytes_total{{{n}}}[$__rate_interval]))",
               "{{interface}} rx"),
        target(f"-max by (interface) (rate(pxeflow_node_network_transmit_bytes_total{{{n}}}[$__rate_interval]))",
               "{{interface}} tx", ref="B")], unit="Bps"), 8, 8)
    L.add(series("Reboots", [target(f"max(increase(pxeflow_node_reboots_total{{{n}}}[$__rate_interval]))", "reboots"),
                             ], bars=True), 8, 8)
    node_var = {"name": "node", "type": "query", "label": "Node", "datasource": DS, "refresh": 2, "sort": 3,
                "query": {"query": "label_values(pxeflow_node_info, node)", "refId": "nodes"},
                "definition": "label_values(pxeflow_node_info, node)", "current": {}, "hide": 0}
    return dashboard("pxeflow-node", "pxeflow node detail", L, variables=[node_var], annotations=[
        annotation("Status changes", f"max(changes(pxeflow_node_status_code{{{n}}}[1m])) > 0", "status changed",
                   "$node changed status", "purple")], time_from="now-3h")


def internals():
    L = Layout()
    L.add(stat("Controllers ready", "sum(pxeflow_ready)", color="green"), 6, 4)
    L.add(stat("Dead letters (1h)", "sum(increase(pxeflow_dead_letters_total[1h]))", color="orange"), 6, 4)
    L.add(stat("Consumer lag", "sum(pxeflow_consumer_lag_records)", color="text"), 6, 4)
    L.add(stat("Nodes with config pending", "max(sum by (instance) (pxeflow_config_pending_nodes))", color="text"), 6, 4)
    L.add(series("Input processed by topic", [
        target("sum by (topic) (rate(pxeflow_events_processed_total[$__rate_interval]))", "{{topic}}")], unit="ops"),
        12, 8)
    L.add(series("Processing latency", [
        target("histogram_quantile(0.5, sum by (le) (rate(pxeflow_processing_latency_seconds_bucket[$__rate_interval])))",
               "p50"),
        target("histogram_quantile(0.99, sum by (le) (rate(pxeflow_processing_latency_seconds_bucket[$__rate_interval])))",
               "p99", ref="B")], unit="s"), 12, 8)
    L.add(series("Consumer lag by topic", [target("sum by (topic) (pxeflow_consumer_lag_records)", "{{topic}}")]), 12, 8)
    L.add(series("Dead letters by topic and reason", [
        target("sum by (topic, reason) (rate(pxeflow_dead_letters_total[$__rate_interval]))", "{{topic}} {{reason}}")],
        unit="ops"), 12, 8)
    L.add(series("Durable state writes and transitions", [
        target("sum(rate(pxeflow_state_writes_total[$__rate_interval]))", "state writes"),
        target("sum by (kind) (rate(pxeflow_transitions_total[$__rate_interval]))", "{{kind}}", ref="B"),
        target("sum(rate(pxeflow_unknown_node_inputs_total[$__rate_interval]))", "unknown-node inputs", ref="C")],
        unit="ops"), 12, 8)
    L.add(series("Config generations pending per generator", [
        target("max by (generator) (pxeflow_config_pending_nodes)", "{{generator}} nodes pending"),
        target("max by (generator) (pxeflow_config_applied_nodes)", "{{generator}} nodes applied", ref="B"),
        target("max by (generator) (pxeflow_config_pending_generations)", "{{generator}} generations behind", ref="C")]),
        12, 8)
    L.add(series("API requests", [
        target("sum by (route, method, status) (rate(pxeflow_http_request_duration_seconds_count[$__rate_interval]))",
               "{{method}} {{route}} {{status}}")], unit="reqps"), 12, 8)
    L.add(series("API latency (mean)", [
        target("sum by (route) (rate(pxeflow_http_request_duration_seconds_sum[$__rate_interval])) / "
               "sum by (route) (rate(pxeflow_http_request_duration_seconds_count[$__rate_interval]))", "{{route}}")],
        unit="s"), 12, 8)
    L.row("Power workers")
    L.add(series("Power requests by action and outcome", [
        target("sum by (action, outcome) (increase(pxeflow_power_operations_total[$__rate_interval]))",
               "{{action}} {{outcome}}")], bars=True), 8, 8)
    L.add(series("Power failures by reason", [
        target("sum by (reason) (increase(pxeflow_power_failures_total[$__rate_interval]))", "{{reason}}")], bars=True,
        desc="auth: wrong BMC password; credentials: no usable file on the worker's head node; timeout/unreachable: "
             "BMC network; expired: no worker took the request in time."), 8, 8)
    L.add(series("Power requests queued and running", [
        target("sum by (worker) (pxeflow_power_queued)", "{{worker}} queued"),
        target("sum by (worker) (pxeflow_power_running)", "{{worker}} running", ref="B")],
        desc="Running is bounded by fanout.max-concurrent; starts are spaced by fanout.per-second."), 8, 8)
    L.add(series("Power request duration (mean)", [
        target("sum by (action) (rate(pxeflow_power_request_duration_seconds_sum[$__rate_interval])) / "
               "sum by (action) (rate(pxeflow_power_request_duration_seconds_count[$__rate_interval]))", "{{action}}")],
        unit="s"), 8, 8)
    L.row("Generators")
    L.add(series("Renders by outcome", [
        target("sum by (generator, outcome) (rate(pxeflow_generator_renders_total[$__rate_interval]))",
               "{{generator}} {{outcome}}")], unit="ops"), 8, 8)
    L.add(series("Files written", [
        target("sum by (generator) (rate(pxeflow_generator_files_written_total[$__rate_interval]))", "{{generator}}")],
        unit="ops"), 8, 8)
    L.add(series("Reload hook runs and failures", [
        target("sum by (generator, output) (increase(pxeflow_generator_reload_runs_total[$__rate_interval]))",
               "{{generator}} {{output}} runs"),
        target("sum by (generator, output) (increase(pxeflow_generator_reload_failures_total[$__rate_interval]))",
               "{{generator}} {{output}} failures", ref="B")], bars=True), 8, 8)
    L.add(series("Reload hook duration (mean)", [
        target("sum by (generator, output) (rate(pxeflow_generator_reload_duration_seconds_sum[$__rate_interval])) / "
               "sum by (generator, output) (rate(pxeflow_generator_reload_duration_seconds_count[$__rate_interval]))",
               "{{generator}} {{output}}")], unit="s"), 8, 8)
    L.add(series("Validation refusals", [
        target("sum by (generator, output) (increase(pxeflow_generator_validation_refusals_total[$__rate_interval]))",
               "{{generator}} {{output}}")], bars=True), 8, 8)
    L.add(series("Records rendered, reloads pending", [
        target("max by (generator) (pxeflow_generator_records)", "{{generator}} records"),
        target("max by (generator) (pxeflow_generator_reload_pending)", "{{generator}} pending reload", ref="B")]),
        8, 8)
    L.row("Bridges")
    L.add(series("Bridge events", [
        target("sum by (instance) (rate(pxeflow_bridge_events_produced_total[$__rate_interval]))", "{{instance}} delivered"),
        target("sum by (instance) (rate(pxeflow_bridge_events_spooled_total[$__rate_interval]))", "{{instance}} spooled",
               ref="B"),
        target("sum by (instance) (rate(pxeflow_bridge_events_dropped_total[$__rate_interval]))", "{{instance}} dropped",
               ref="C")], unit="ops",
        desc="Delivered to Kafka; kept in the outbound spool while Kafka was unreachable; dropped because the spool "
             "was full (alert PxeflowBridgeDroppingEvents)."), 8, 8)
    L.add(series("Bridge outbound spool and Kafka", [
        target("max by (instance) (pxeflow_bridge_spool_records)", "{{instance}} events waiting"),
        target("min by (instance) (pxeflow_bridge_kafka_reachable)", "{{instance}} Kafka reachable (1)", ref="B")],
        desc="Events wait in the spool only while Kafka refuses them (alert PxeflowBridgeKafkaUnreachable)."), 8, 8)
    L.add(series("Bridge input", [
        target("sum by (instance) (rate(pxeflow_bridge_lines_read_total[$__rate_interval]))", "{{instance}} lines read"),
        target("sum by (instance) (rate(pxeflow_bridge_hook_calls_total[$__rate_interval]))", "{{instance}} hook calls",
               ref="B"),
        target("sum by (instance) (rate(pxeflow_bridge_lines_ignored_total[$__rate_interval]))", "{{instance}} ignored",
               ref="C"),
        target("sum by (instance) (rate(pxeflow_bridge_lines_unparseable_total[$__rate_interval]))",
               "{{instance}} unparseable", ref="D")], unit="ops"), 8, 8)
    L.row("Processes (JVM)")
    L.add(series("Memory", [
        target("max by (job, instance) (process_resident_memory_bytes)", "{{job}} {{instance}} resident"),
        target('sum by (job, instance) (jvm_memory_used_bytes{area="heap"})', "{{job}} {{instance}} heap used", ref="B")],
        unit="bytes", desc="Resident size and heap in use of each pxeflow JVM (docs/operations.md sizes -Xmx from these)."),
        8, 8)
    L.add(series("Heap in use after GC", [
        target('max by (job, instance) (jvm_memory_usage_after_gc{area="heap"})', "{{job}} {{instance}}")],
        unit="percentunit", desc="Long-lived heap after the last collection, of its maximum: the live data. Above 90% "
                                 "for 15 minutes alerts (PxeflowHeapNearlyFull)."), 8, 8)
    L.add(series("CPU and GC", [
        target("sum by (job, instance) (rate(process_cpu_seconds_total[$__rate_interval]))", "{{job}} {{instance}} CPU"),
        target("sum by (job, instance) (rate(jvm_gc_pause_seconds_sum[$__rate_interval]))", "{{job}} {{instance}} GC",
               ref="B")], unit="percentunit", desc="Cores used, and the share of time spent in GC pauses."), 8, 8)
    return dashboard("pxeflow-internals", "pxeflow internals", L, time_from="now-1h")


def main():
    OUT.mkdir(exist_ok=True)
    for name, d in [("pxeflow-overview", overview()), ("pxeflow-node", node_detail()),
                    ("pxeflow-internals", internals())]:
        (OUT / f"{name}.json").write_text(json.dumps(d, indent=2) + "\n")


if __name__ == "__main__":
    main()
