#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A broken engine on a Unix socket, for the bad-reply tests: it answers
/_ping and /version properly, then every other request with a malformed or a
truncated body. (Real Podman never does this on purpose; that is the point.)"""
import os, socket, sys

path, mode = sys.argv[1], sys.argv[2]
if os.path.exists(path):
    os.unlink(path)
server = socket.socket(socket.AF_UNIX)
server.bind(path)
server.listen(8)

def reply(conn, body, length=None):
    head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (
        len(body) if length is None else length)
    conn.sendall(head.encode() + body)

while True:
    conn, _ = server.accept()
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    line = data.split(b"\r\n", 1)[0].decode(errors="replace")
    target = line.split(" ")[1] if " " in line else "/"
    if target.startswith("/_ping"):
        reply(conn, b"OK")
    elif target.startswith("/version"):
        reply(conn, b'{"Version": "0.0", "Components": [{"Name": "Podman Engine", "Version": "0.0"}]}')
    elif mode == "malformed":
        reply(conn, b'[{"Id": "abc", "Labels": {"io.github.aistudio.worker": ')
    else:
        reply(conn, b'[{"Id": "abc"', length=4096)
    conn.close()
