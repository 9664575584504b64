#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A hub that is not what it says, for tests/test-hostile-hub.sh. Each region
of the test is a path prefix of this one server, whose first segment says how
it misbehaves:
  /deep/...      answers 200,000 nested "["
  /endless/...   answers a body that never ends
  /evilurl/...   lists a ready server whose url is "@127.0.0.1:EVIL/"
  /redirect/...  answers 302 to the same path on 127.0.0.1:EVIL
  /files/...     a ready server whose Jupyter lists a folder with an entry
                 named "" (the folder itself again) beside a file
  /progress/...  starts a server "v", whose progress stream is one line
                 that never ends
A second port (EVIL) records every Authorization header it is sent, one a
line, in the file given. Usage: hostile-hub.py PORT EVIL_PORT LOG; prints
"ready" once both listen."""
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, evil_port, log = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]


started = set()


class Hub(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        if self.path.startswith("/progress/hub/api/users/mallory/servers/v"):
            started.add("v")
            return self.send(202, "")
        self.send(404, '{"status": 404, "message": "Not Found"}')

    def send(self, status, body, content_type="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def send_forever(self, content_type, start):
        """A body that starts so, then never ends (until the client leaves)."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = start + b"x" * 65536
        try:
            while True:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except (BrokenPipeError, ConnectionResetError):
            return

    def do_GET(self):
        mode = self.path.split("/")[1]
        if mode == "deep":
            return self.send(200, "[" * 200000)
        if mode == "endless":
            return self.send_forever("application/json", b'{"name": "')
        if mode == "evilurl" and "/hub/api/user" in self.path:
            return self.send(200, '{"name": "mallory", "scopes": ["self"], "servers": {"w": {"name": "w", '
                             '"ready": true, "pending": null, "url": "@127.0.0.1:%d/", '
                             '"started": "2026-12-01T00:00:00Z", "last_activity": "2026-12-01T00:00:00Z"}}}'
                             % evil_port)
        if mode == "files" and "/hub/api/user" in self.path:
            return self.send(200, '{"name": "mallory", "scopes": ["self"], "servers": {"w": {"name": "w", '
                             '"ready": true, "pending": null, "url": "/files/user/mallory/w/", '
                             '"started": "2026-12-01T00:00:00Z", "last_activity": "2026-12-01T00:00:00Z"}}}')
        if mode == "files" and "/api/status" in self.path:
            return self.send(200, '{"last_activity": "2026-12-01T00:00:00Z"}')
        if mode == "files" and "/api/contents/dir" in self.path:
            if "content=0" in self.path:
                return self.send(200, '{"name": "dir", "path": "dir", "type": "directory", "content": null}')
            return self.send(200, '{"name": "dir", "path": "dir", "type": "directory", "content": ['
                             '{"name": "", "path": "dir/", "type": "directory", "size": null},'
                             '{"name": "a.txt", "path": "dir/a.txt", "type": "file", "size": 3}]}')
        if mode == "files" and self.path.split("?")[0].endswith("/files/dir/a.txt"):
            return self.send(200, b"abc", "text/plain")
        if mode == "progress" and self.path.startswith("/progress/hub/api/user") and not self.path.endswith("/progress"):
            servers = ('"v": {"name": "v", "ready": true, "pending": null, "url": "/progress/user/mallory/v/", '
                       '"started": "2026-12-01T00:00:00Z", "last_activity": "2026-12-01T00:00:00Z", '
                       '"progress_url": "/progress/hub/api/users/mallory/servers/v/progress"}'
                       if "v" in started else "")
            return self.send(200, '{"name": "mallory", "scopes": ["self"], "servers": {%s}}' % servers)
        if mode == "progress" and self.path.endswith("/progress"):
            return self.send_forever("text/event-stream", b"data: ")
        if mode == "progress" and "/api/status" in self.path:
            return self.send(200, '{"last_activity": "2026-12-01T00:00:00Z"}')
        if mode == "redirect":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:%d%s" % (evil_port, self.path))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send(404, '{"status": 404, "message": "Not Found"}')

    def log_message(self, *args):
        pass


class Evil(BaseHTTPRequestHandler):
    def do_GET(self):
        with open(log, "a") as f:
            f.write("%s %s\n" % (self.path, self.headers.get("Authorization", "-")))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"[]")

    do_POST = do_DELETE = do_GET

    def log_message(self, *args):
        pass


hub = ThreadingHTTPServer(("127.0.0.1", port), Hub)
evil = ThreadingHTTPServer(("127.0.0.1", evil_port), Evil)
threading.Thread(target=evil.serve_forever, daemon=True).start()
print("ready", flush=True)
hub.serve_forever()
