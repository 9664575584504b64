#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A hub of an older JupyterHub (2.0 to 2.2) for the one thing Debian's hub 3
cannot show: it refuses the token scopes AI Studio asks for (400), and makes
tokens without scopes that reach everything the user can do ("self").
Usage: fake-hub.py ADDRESS PORT PASSWORD; prints "ready" once it listens."""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

address, port, password = sys.argv[1], int(sys.argv[2]), sys.argv[3]
TOKEN = "fake-hub-token-0123456789"


class Hub(BaseHTTPRequestHandler):
    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if not self.path.endswith("/tokens"):
            return self.answer(404, {"status": 404, "message": "Not Found"})
        if body.get("auth", {}).get("password") != password:
            return self.answer(403, {"status": 403, "message": "Forbidden"})
        if "scopes" in body:
            return self.answer(400, {"status": 400, "message": "Not assigning requested scopes %s not held by User carol"
                                     % ",".join(body["scopes"])})
        self.answer(201, {"token": TOKEN, "note": body.get("note"), "expires_at": None})

    def do_GET(self):
        if self.path.startswith("/hub/api/user") and self.headers.get("Authorization") == "token " + TOKEN:
            return self.answer(200, {"name": "carol", "servers": {}, "scopes": ["self"]})
        if self.path.startswith("/hub/api/user"):
            return self.answer(403, {"status": 403, "message": "Forbidden"})
        self.answer(404, {"status": 404, "message": "Not Found"})

    def log_message(self, *args):
        pass


server = HTTPServer((address, port), Hub)
print("ready", flush=True)
server.serve_forever()
