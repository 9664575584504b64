#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A notebook tab as Jupyter sees it: starts a kernel on a worker and holds its
channels WebSocket open. With "busy", the kernel is also given work that runs
until it is interrupted. Prints "connected" once the kernel answered, then
stays until killed. Usage: kernel-client.py JUPYTER_URL TOKEN idle|busy"""
import json
import sys
import uuid

from tornado import gen, httpclient, ioloop, websocket

base, token, mode = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
headers = {"Authorization": "token " + token}


async def main():
    http = httpclient.AsyncHTTPClient()
    reply = await http.fetch(base + "/api/kernels", method="POST", body="{}", headers=headers)
    kernel = json.loads(reply.body)["id"]
    ws_url = base.replace("http", "ws", 1) + "/api/kernels/%s/channels" % kernel
    conn = await websocket.websocket_connect(httpclient.HTTPRequest(ws_url, headers=headers))
    session = uuid.uuid4().hex

    def send(msg_type, content):
        conn.write_message(json.dumps({
            "channel": "shell", "content": content, "metadata": {}, "parent_header": {}, "buffers": [],
            "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session,
                       "username": "test", "version": "5.3"},
        }))

    async def server_sees(states, poke=False):
        # The server learns a kernel's state from its own iopub connection,
        # which may join late on a loaded machine and miss the first status
        # messages: ask the kernel again (each request publishes a status)
        # until the server has seen one.
        for i in range(600):
            reply = await http.fetch(base + "/api/kernels/%s?no_track_activity=1" % kernel, headers=headers)
            if json.loads(reply.body)["execution_state"] in states:
                return
            if poke and i % 10 == 0:
                send("kernel_info_request", {})
            await gen.sleep(0.1)
        sys.exit("the server never saw the kernel %s" % "/".join(states))

    send("kernel_info_request", {})
    while True:
        msg = await conn.read_message()
        if msg is None:
            sys.exit("the kernel's channels closed")
        if json.loads(msg)["header"]["msg_type"] == "kernel_info_reply":
            break
    await server_sees(("idle", "busy"), poke=True)
    if mode == "busy":
        send("execute_request", {"code": "import time\nwhile True:\n    time.sleep(1)\n", "silent": False,
                                 "store_history": False, "user_expressions": {}, "allow_stdin": False,
                                 "stop_on_error": True})
        await server_sees(("busy",))
    print("connected", flush=True)
    while await conn.read_message() is not None:
        pass


ioloop.IOLoop.current().run_sync(main)
