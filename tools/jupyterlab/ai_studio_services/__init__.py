"""The services a worker serves, for AI Studio: every TCP port a program of
the worker listens on (a user's `python3 -m http.server`, a Dask dashboard,
Streamlit, VS Code), each with a name where one is known, and the way to
each one through the worker's own Jupyter server, so that nothing new is
published on the host and a hub needs no change:

  GET /ai-studio/services        {"services": [{"id", "name", "port"}, ...]}
  /ai-studio/proxy/PORT/REST     HTTP (any method, streamed both ways) and
                                 WebSockets to 127.0.0.1:PORT/REST
  /ai-studio/vscode/REST         the same to VS Code (code-server), started
                                 when first asked for, in the home, as the
                                 worker's user; stopped after IDLE_VSCODE
                                 seconds without a request or a connection

Both behind the worker's own authentication (its token or its login
cookie). What goes on to a service carries none of it: the token is taken
out of the query, and the Authorization header and the server's own cookies
are not passed on. A service sees its own path without the prefix, and is
not told the prefix (code-server, http.server and most web apps use
relative addresses; code-server makes absolute ones of a prefix it is told).

The worker's programs are the Jupyter server's descendants (in a container
the server is its first process, so every program is), and what it started
that outlived its parent (marked by the environment it inherited); the
server's own port and its kernels' ports are not services."""
import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlencode

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import httpclient, httputil, web, websocket

LISTEN = "0A"
IDLE_VSCODE = 30 * 60
VSCODE_START_SECONDS = 30
MAX_PORTS = 200
# Headers that belong to one connection, not to the request or the reply.
HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
       "transfer-encoding", "upgrade", "host", "content-length"}
# The reply's headers the server sets itself.
OWN = {"date", "server"}
# Names of what is known to listen by its command line, then by its port.
KNOWN_COMMANDS = [
    (re.compile(r"code-server"), "VS Code"),
    (re.compile(r"\bstreamlit\b"), "Streamlit"),
    (re.compile(r"\bmlflow\b"), "MLflow"),
    (re.compile(r"\btensorboard\b"), "TensorBoard"),
    (re.compile(r"\bvoila\b"), "Voilà"),
    (re.compile(r"\bgradio\b"), "Gradio"),
    (re.compile(r"-m\s+http\.server\b"), "http.server"),
]
KNOWN_PORTS = {8787: "Dask dashboard", 8501: "Streamlit", 5000: "MLflow", 6006: "TensorBoard",
               8050: "Dash", 7860: "Gradio"}


def _listening():
    """{socket inode: port} of TCP sockets listening on this machine's loopback or every address."""
    found = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                lines = f.read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) < 10 or fields[3] != LISTEN:
                continue
            address, _, port = fields[1].rpartition(":")
            reachable = (address.strip("0") == "" or                         # every address
                         address in ("0100007F", "00000000000000000000000001000000",
                                     "0000000000000000FFFF00000100007F"))    # loopback
            if reachable:
                found[fields[9]] = int(port, 16)
    return found


def _children():
    """{pid: [child pids]} of the processes this one may see."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
        except OSError:
            continue
        # The parent is the second field after the command's closing parenthesis.
        parent = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(parent, []).append(int(entry))
    return children


# What the server starts (terminals, kernels, commands) inherits this; a
# program that outlives its parent keeps it, where it is no descendant any
# more (a server that is not its container's first process, as a hub's local
# ones, loses its orphans to the machine's).
MARK = "AI_STUDIO_SERVER_PID"
os.environ[MARK] = str(os.getpid())


def _marked(pid, mark):
    try:
        with open("/proc/%d/environ" % pid, "rb") as f:
            return mark in f.read().split(b"\0")
    except OSError:
        return False


def _workers_programs(root):
    """The server's descendants, and the programs it started that outlived
    their parents."""
    children = _children()
    seen, todo = [], [root]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, ()):
            seen.append(child)
            todo.append(child)
    mark = ("%s=%d" % (MARK, root)).encode()
    known = set(seen) | {root}
    seen += [pid for kids in children.values() for pid in kids if pid not in known and _marked(pid, mark)]
    return seen


def _command(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return [a.decode("utf-8", "replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return []


def _name(port, argv):
    line = " ".join(argv)
    for pattern, name in KNOWN_COMMANDS:
        if pattern.search(line):
            return name
    if port in KNOWN_PORTS:
        return KNOWN_PORTS[port]
    # The program by its script or module: "python3 app.py" is app.py.
    words = [a for a in argv[1:] if not a.startswith("-")] if argv and "python" in os.path.basename(argv[0]) else []
    if "-m" in argv[1:-1]:
        return argv[argv.index("-m") + 1]
    if words:
        return os.path.basename(words[0])
    return os.path.basename(argv[0]) if argv else "port %d" % port


def list_services(own_ports=()):
    """The worker's services: its programs' listening ports, named, sorted by port."""
    sockets = _listening()
    by_port = {}
    for pid in _workers_programs(os.getpid()):
        try:
            fds = os.listdir("/proc/%d/fd" % pid)
        except OSError:
            continue
        for fd in fds:
            try:
                link = os.readlink("/proc/%d/fd/%s" % (pid, fd))
            except OSError:
                continue
            if not link.startswith("socket:["):
                continue
            port = sockets.get(link[8:-1])
            if port is not None and port not in own_ports and port not in by_port:
                by_port[port] = _name(port, _command(pid))
        if len(by_port) >= MAX_PORTS:
            break
    return [{"id": str(port), "port": port, "name": name} for port, name in sorted(by_port.items())]


class VSCode:
    """The worker's one code-server: started on demand on a free loopback
    port (the worker's own network: its container's), with no password of
    its own (the worker's Jupyter server signs the user in before anything
    reaches it), no telemetry, no update checks and no extension gallery
    (the worker has no internet to reach one); stopped when idle."""

    proc = None
    port = None
    starting = None
    last_used = 0.0
    connections = 0
    watcher = None

    @staticmethod
    def command():
        return shutil.which("code-server")

    @classmethod
    def touch(cls):
        cls.last_used = time.monotonic()

    @classmethod
    def running(cls):
        return cls.proc is not None and cls.proc.poll() is None

    @classmethod
    async def ensure(cls):
        """The port it listens on, once it does."""
        if cls.running() and cls.port:
            return cls.port
        if cls.starting is None:
            cls.starting = asyncio.ensure_future(cls._start())
        try:
            return await asyncio.shield(cls.starting)
        finally:
            if cls.starting is not None and cls.starting.done():
                cls.starting = None

    @classmethod
    async def _start(cls):
        command = cls.command()
        if command is None:
            raise web.HTTPError(404, "VS Code is not in this worker's image")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        home = os.path.expanduser("~")
        data = os.path.join(os.environ.get("XDG_DATA_HOME") or os.path.join(home, ".local", "share"), "code-server")
        cls._first_settings(os.path.join(data, "user", "User", "settings.json"))
        env = dict(os.environ)
        env.pop("JUPYTER_TOKEN", None)
        env.pop("JUPYTERHUB_API_TOKEN", None)
        # No gallery to ask (offline): its view says so instead of failing.
        env["EXTENSIONS_GALLERY"] = json.dumps({"serviceUrl": "", "itemUrl": "", "resourceUrlTemplate": ""})
        cls.proc = subprocess.Popen(
            [command, "--bind-addr", "127.0.0.1:%d" % port, "--auth", "none", "--disable-telemetry",
             "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override",
             "--user-data-dir", os.path.join(data, "user"), "--extensions-dir", os.path.join(data, "extensions"),
             home],
            cwd=home, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        deadline = time.monotonic() + VSCODE_START_SECONDS
        while time.monotonic() < deadline:
            if cls.proc.poll() is not None:
                raise web.HTTPError(502, "VS Code did not start (exit status %s)" % cls.proc.returncode)
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.close()
                break
            except OSError:
                await asyncio.sleep(0.1)
        else:
            cls.stop()
            raise web.HTTPError(504, "VS Code did not answer within %d s" % VSCODE_START_SECONDS)
        cls.port = port
        cls.touch()
        if cls.watcher is None:
            cls.watcher = asyncio.ensure_future(cls._watch())
        return port

    @staticmethod
    def _first_settings(path):
        """The user's settings, the first time: the desktop's light or dark
        style followed, and nothing that would call the internet (AI chat,
        update and extension checks, telemetry). Theirs once they exist."""
        if os.path.exists(path):
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            json.dump({
                "window.autoDetectColorScheme": True,
                "workbench.startupEditor": "none",
                "chat.disableAIFeatures": True,
                "workbench.secondarySideBar.defaultVisibility": "hidden",
                "telemetry.telemetryLevel": "off",
                "update.mode": "none",
                "extensions.autoCheckUpdates": False,
                "extensions.autoUpdate": False,
            }, f, indent=2)
            f.write("\n")

    @classmethod
    async def _watch(cls):
        while cls.running():
            await asyncio.sleep(60)
            if cls.connections == 0 and time.monotonic() - cls.last_used > IDLE_VSCODE:
                cls.stop()
        cls.watcher = None

    @classmethod
    def stop(cls):
        if cls.running():
            try:
                os.killpg(cls.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        cls.proc = None
        cls.port = None


def _own_ports(handler):
    """The server's own port, its kernels' and VS Code's (listed as itself):
    not services of their own."""
    ports = set()
    if VSCode.port:
        ports.add(VSCode.port)
    try:
        ports.add(int(handler.request.host.rpartition(":")[2]))
    except ValueError:
        pass
    manager = handler.kernel_manager
    for kernel_id in list(manager.list_kernel_ids()):
        try:
            kernel = manager.get_kernel(kernel_id)
        except KeyError:
            continue
        for name in ("shell_port", "iopub_port", "stdin_port", "hb_port", "control_port"):
            port = getattr(kernel, name, None)
            if port:
                ports.add(port)
    return ports


class ServicesHandler(JupyterHandler):
    @web.authenticated
    def get(self):
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        services = list_services(_own_ports(self))
        if VSCode.command() is not None:
            services.insert(0, {"id": "vscode", "name": "VS Code", "port": None})
        self.finish(json.dumps({"services": services}))


class ProxyHandler(JupyterHandler, websocket.WebSocketHandler):
    """One port's HTTP and WebSockets. The same handler takes both: a request
    that asks to upgrade is a WebSocket's, every other an HTTP request's."""

    _upstream = None
    _client_gone = False
    _touched = 0.0

    def _touch(self):
        # Using a service is using the worker: its idle shutdown waits (at
        # most once a second, for a busy WebSocket).
        now = time.monotonic()
        if now - self._touched >= 1:
            self._touched = now
            self.settings["api_last_activity"] = datetime.now(timezone.utc)

    def _target(self, port, rest, scheme):
        port = int(port)
        if not 0 < port < 65536:
            raise web.HTTPError(400, "no such port")
        query = urlencode([(k, v) for k, v in parse_qsl(self.request.query, keep_blank_values=True) if k != "token"])
        return "%s://127.0.0.1:%d/%s%s" % (scheme, port, rest or "", "?" + query if query else "")

    def _upstream_headers(self):
        headers = httputil.HTTPHeaders()
        own = {name for name in self.request.cookies if name.startswith("username-") or name == "_xsrf"}
        for name, value in self.request.headers.get_all():
            lower = name.lower()
            if lower in HOP or lower == "authorization" or lower.startswith("sec-websocket"):
                continue
            if lower == "cookie":
                kept = [c for c in value.split(";") if c.split("=", 1)[0].strip() not in own]
                if not kept:
                    continue
                value = ";".join(kept).strip()
            headers.add(name, value)
        headers["X-Forwarded-Proto"] = self.request.protocol
        headers["X-Forwarded-Host"] = self.request.host
        return headers

    # ---- HTTP ----------------------------------------------------------------

    def check_xsrf_cookie(self):
        # The service's forms are its own (it has its own checks, if any); a
        # request from another site's page is refused by its Origin instead.
        origin = self.request.headers.get("Origin")
        if origin and origin != "null" and origin.split("://", 1)[-1] != self.request.host:
            raise web.HTTPError(403, "a request from another site")

    async def _http(self, port, rest=None):
        if not self.current_user:
            raise web.HTTPError(403)
        self._touch()
        if not rest and not self.request.path.endswith("/"):
            # The service's relative addresses need its folder.
            self.redirect(self.request.path + "/" + ("?" + self.request.query if self.request.query else ""))
            return
        started = []

        def on_header(line):
            line = line.rstrip("\r\n")
            if line.startswith("HTTP/"):
                parts = line.split(" ", 2)
                self.set_status(int(parts[1]), parts[2] if len(parts) > 2 else None)
                self.clear_header("Content-Type")
                self.clear_header("Server")
                return
            if not line or ":" not in line:
                return
            name, value = line.split(":", 1)
            if name.lower() in HOP or name.lower() in OWN:
                return
            self.add_header(name.strip(), value.strip())

        def on_chunk(chunk):
            started.append(True)
            self.write(chunk)
            self.flush()

        request = httpclient.HTTPRequest(
            self._target(port, rest, "http"), method=self.request.method, headers=self._upstream_headers(),
            body=self.request.body if self.request.method not in ("GET", "HEAD") else None,
            allow_nonstandard_methods=True, follow_redirects=False, decompress_response=False,
            header_callback=on_header, streaming_callback=on_chunk,
            connect_timeout=10, request_timeout=3600)
        try:
            await httpclient.AsyncHTTPClient().fetch(request, raise_error=False)
        except (ConnectionError, OSError, httpclient.HTTPClientError) as e:
            if started:
                raise
            self.clear()
            self.set_status(502)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish("Nothing answers on port %s of this worker (%s)." % (port, e))
            return
        if not self._finished:
            self.finish()

    async def get(self, port, rest=None):
        if self.request.headers.get("Upgrade", "").lower() == "websocket":
            if not self.current_user:
                raise web.HTTPError(403)
            return await websocket.WebSocketHandler.get(self, port, rest)
        return await self._http(port, rest)

    async def post(self, port, rest=None):
        return await self._http(port, rest)

    put = patch = delete = head = options = post

    # ---- WebSockets ----------------------------------------------------------

    def check_origin(self, origin):
        # The same check as the server's own (its allow_origin settings).
        return JupyterHandler.check_origin(self, origin)

    def select_subprotocol(self, subprotocols):
        return subprotocols[0] if subprotocols else None

    async def open(self, port, rest=None):
        protocols = [p.strip() for p in self.request.headers.get("Sec-WebSocket-Protocol", "").split(",") if p.strip()]
        request = httpclient.HTTPRequest(self._target(port, rest, "ws"), headers=self._upstream_headers(),
                                         connect_timeout=10)
        try:
            self._upstream = await websocket.websocket_connect(
                request, on_message_callback=self._from_service, subprotocols=protocols or None,
                max_message_size=64 * 1024 * 1024)
        except (ConnectionError, OSError, httpclient.HTTPClientError, websocket.WebSocketError):
            self.close(1011, "nothing answers on port %s" % port)
            return
        if self._client_gone:
            self._upstream.close()

    def _from_service(self, message):
        self._touch()
        if message is None:
            if not self._client_gone:
                self.close()
            return
        try:
            self.write_message(message, binary=isinstance(message, bytes))
        except websocket.WebSocketClosedError:
            pass

    def on_message(self, message):
        self._touch()
        if self._upstream is not None:
            self._upstream.write_message(message, binary=isinstance(message, bytes))

    def on_close(self):
        self._client_gone = True
        if self._upstream is not None:
            self._upstream.close()


class VSCodeHandler(ProxyHandler):
    """VS Code's requests and connections: code-server started if need be,
    then reached as any port is."""

    async def _port(self):
        VSCode.touch()
        return await VSCode.ensure()

    async def get(self, rest=None):
        if not self.current_user:
            raise web.HTTPError(403)
        return await ProxyHandler.get(self, await self._port(), rest)

    async def post(self, rest=None):
        if not self.current_user:
            raise web.HTTPError(403)
        return await ProxyHandler.post(self, await self._port(), rest)

    put = patch = delete = head = options = post

    async def open(self, port, rest=None):
        # (get() found its port: it is the one connected to.)
        VSCode.connections += 1
        self._counted = True
        return await ProxyHandler.open(self, port, rest)

    def on_message(self, message):
        VSCode.touch()
        ProxyHandler.on_message(self, message)

    def on_close(self):
        if getattr(self, "_counted", False):
            self._counted = False
            VSCode.connections -= 1
            VSCode.touch()
        ProxyHandler.on_close(self)


HANDLERS = [
    (r"/ai-studio/services", ServicesHandler),
    (r"/ai-studio/proxy/(?P<port>\d+)/?(?P<rest>.*)", ProxyHandler),
    (r"/ai-studio/vscode/?(?P<rest>.*)", VSCodeHandler),
]


def _jupyter_server_extension_points():
    return [{"module": "ai_studio_services"}]


def _load_jupyter_server_extension(serverapp):
    base = serverapp.web_app.settings["base_url"]
    serverapp.web_app.add_handlers(".*$", [(url_path_join(base, pattern), handler) for pattern, handler in HANDLERS])
