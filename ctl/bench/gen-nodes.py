#!/usr/bin/env python3
"""Writes GET /api/v1/nodes for N nodes (shaped per docs/openapi.yaml) under DIR/api/v1/nodes."""
import json, os, sys

n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
out = os.path.join(sys.argv[1], "api", "v1")
os.makedirs(out, exist_ok=True)
statuses = ["up"] * 8 + ["down", "netbooting"]
nodes = []
for i in range(n):
    nodes.append({
        "name": "node%d" % i, "index": i, "ip": "10.54.%d.%d" % (50 + i // 250, 1 + i % 250),
        "macs": ["00:a0:d1:%02x:%02x:%02x" % (i >> 16 & 255, i >> 8 & 255, i & 255)],
        "class": "centos5u4", "sequence": "pxe+local", "stage": "local",
        "status": statuses[i % len(statuses)], "statusSince": "2025-06-01T10:00:00Z", "wipe": False,
        "bootId": "3f0c9a1e-%04d" % i, "lastHeartbeat": "2025-06-01T11:59:57Z", "heartbeatAgeSeconds": 3.2,
        "load1": round((i % 17) / 4.0, 2), "memUsedBytes": 13207024435 + i * 1048576, "memTotalBytes": 68719476736,
        "generation": 4, "appliedBy": {"dhcp": 4, "pxelinux": 4}, "configApplied": True,
        "spec": {"index": i}, "heartbeat": {"bootId": "3f0c9a1e-%04d" % i},
    })
with open(os.path.join(out, "nodes"), "w") as f:
    json.dump({"nodes": nodes}, f)
with open(os.path.join(out, "info"), "w") as f:
    json.dump({"version": "bench", "nodes": n, "ready": True, "topicPrefix": "pxeflow", "kafkaBootstrap": "-"}, f)
