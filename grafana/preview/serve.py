#!/usr/bin/env python3
"""Serves grafana/ (the preview page and the dashboard JSON) and proxies /api/v1/ to Prometheus,
so the preview page and its PromQL fetches share one origin.

Usage: grafana/preview/serve.py PROMETHEUS_URL [PORT]   then open http://127.0.0.1:PORT/preview/
"""
import functools
import http.server
import pathlib
import sys
import urllib.error
import urllib.request

prom = sys.argv[1].rstrip("/")
port = int(sys.argv[2]) if len(sys.argv) > 2 else 8099
root = pathlib.Path(__file__).resolve().parent.parent


class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if not self.path.startswith("/api/v1/"):
            return super().do_GET()
        try:
            with urllib.request.urlopen(prom + self.path, timeout=30) as r:
                status, body = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, body = e.code, e.read()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(root))).serve_forever()
