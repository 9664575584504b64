"""One command run on the worker for AI Studio's `exec`, over a WebSocket at
/ai-studio/exec: its standard output and error apart, its input passed
through, its exit status at the end, as `podman exec` and `ssh host cmd` do.

Messages from the client: a first text message {"argv": [...]} (the command
line stays out of URLs and the server's request log), then binary messages
(the command's input) and a text {"eof": true} when the input ends. From the
server: binary messages whose first byte is 1 (output) or 2 (error), then one
text message {"exit": N}, or {"error": "...", "exit": 127} when the command
could not start. The command runs in the home folder, in a session of its
own; it is ended when the client goes away. While it runs it counts as the
server's activity (the worker does not shut down under it).

A server extension of its own (it needs Jupyter Server alone), enabled in
AI Studio's worker images beside ai_studio_lab."""
import asyncio
import json
import os
import signal
from datetime import datetime, timezone

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.base.zmqhandlers import WebSocketMixin
from jupyter_server.utils import url_path_join
from tornado import web, websocket

READ_SIZE = 64 * 1024
ACTIVITY_SECONDS = 30
MAX_ARGV_BYTES = 128 * 1024


class ExecSocket(WebSocketMixin, JupyterHandler, websocket.WebSocketHandler):
    proc = None
    started = False
    pending = None      # input that came before the command started
    input_ended = False

    def get(self, *args, **kwargs):
        if not self.current_user:
            raise web.HTTPError(403)
        return super().get(*args, **kwargs)

    def _touch(self):
        self.settings["api_last_activity"] = datetime.now(timezone.utc)

    async def _start(self, argv):
        try:
            self.proc = await asyncio.create_subprocess_exec(
                *argv,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                cwd=os.path.expanduser("~"),
                start_new_session=True,
            )
        except OSError as e:
            # As a shell says it: 127 for a command not found, 126 for one that cannot run.
            await self._finish({"error": "%s: %s" % (argv[0], e.strerror or e),
                                "exit": 127 if isinstance(e, FileNotFoundError) else 126})
            return
        # What came while it was starting, in order.
        for data in self.pending or ():
            self.proc.stdin.write(data)
        self.pending = None
        if self.input_ended:
            self.proc.stdin.close()
        pumps = [self._pump(self.proc.stdout, 1), self._pump(self.proc.stderr, 2)]
        keeper = asyncio.ensure_future(self._keep_active())
        try:
            await asyncio.gather(*pumps)
            code = await self.proc.wait()
        finally:
            keeper.cancel()
        # A command ended by a signal: the shell's way to say so.
        await self._finish({"exit": code if code >= 0 else 128 - code})

    async def _pump(self, stream, channel):
        while True:
            data = await stream.read(READ_SIZE)
            if not data:
                return
            self._touch()
            try:
                await self.write_message(bytes([channel]) + data, binary=True)
            except websocket.WebSocketClosedError:
                return

    async def _keep_active(self):
        while True:
            self._touch()
            await asyncio.sleep(ACTIVITY_SECONDS)

    async def _finish(self, message):
        try:
            await self.write_message(json.dumps(message))
        except websocket.WebSocketClosedError:
            return
        self.close()

    def on_message(self, message):
        if isinstance(message, bytes):
            if self.proc is None:
                if not self.input_ended:
                    self.pending = (self.pending or []) + [message]
            elif not self.proc.stdin.is_closing():
                self.proc.stdin.write(message)
            return
        if len(message) > MAX_ARGV_BYTES:
            self.close(1009, "message too big")
            return
        try:
            request = json.loads(message)
        except ValueError:
            self.close(1003, "not JSON")
            return
        if not isinstance(request, dict):
            self.close(1003, "not an object")
            return
        if not self.started:
            argv = request.get("argv")
            if (not isinstance(argv, list) or not argv or
                    not all(isinstance(a, str) and "\0" not in a for a in argv)):
                self.close(1003, "argv: a list of strings")
                return
            self.started = True
            asyncio.ensure_future(self._start(argv))
        elif request.get("eof"):
            self.input_ended = True
            if self.proc is not None:
                self.proc.stdin.close()

    def on_close(self):
        # The client went away: so does what it ran (its whole session).
        if self.proc is not None and self.proc.returncode is None:
            try:
                os.killpg(self.proc.pid, signal.SIGHUP)
            except ProcessLookupError:
                pass


def _jupyter_server_extension_points():
    return [{"module": "ai_studio_exec"}]


def _load_jupyter_server_extension(serverapp):
    pattern = url_path_join(serverapp.web_app.settings["base_url"], r"/ai-studio/exec")
    serverapp.web_app.add_handlers(".*$", [(pattern, ExecSocket)])
