# SPDX-License-Identifier: GPL-3.0-or-later
# A real JupyterHub for the tests (see tests/with-hub): Debian's jupyterhub 3,
# DummyAuthenticator, local-process named servers, a KubeSpawner-shaped
# options form with two profiles and a profile option, a named-server limit,
# and an admin service token for the harness.
import asyncio
import glob
import json
import os

here = os.environ["AI_STUDIO_HUB_DIR"]
c = get_config()  # noqa: F821

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(os.environ["AI_STUDIO_HUB_PORT"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ["AI_STUDIO_HUB_API_PORT"])
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%s" % os.environ["AI_STUDIO_HUB_PROXY_PORT"]
c.ConfigurableHTTPProxy.command = ["configurable-http-proxy"]
if os.environ.get("AI_STUDIO_HUB_SSL_CERT"):
    c.JupyterHub.ssl_cert = os.environ["AI_STUDIO_HUB_SSL_CERT"]
    c.JupyterHub.ssl_key = os.environ["AI_STUDIO_HUB_SSL_KEY"]
c.JupyterHub.db_url = "sqlite:///" + os.path.join(here, "hub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(here, "cookie_secret")
c.JupyterHub.pid_file = os.path.join(here, "hub.pid")

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ["AI_STUDIO_HUB_PASSWORD"]
c.Authenticator.allowed_users = {"alice", "bob"}
c.Authenticator.admin_users = {"admin"}

c.JupyterHub.spawner_class = "simple"
c.Spawner.cmd = ["jupyterhub-singleuser"]
c.Spawner.args = ["--allow-root"]
# AI Studio's exec and services extensions, as its worker images have them
# (ai-studio-cli exec, a worker's services on a hub's server), from the sources.
singleuser_config = os.path.join(here, "singleuser-config")
os.makedirs(singleuser_config, exist_ok=True)
with open(os.path.join(singleuser_config, "jupyter_server_config.json"), "w") as f:
    json.dump({"ServerApp": {"jpserver_extensions": {"ai_studio_exec": True, "ai_studio_services": True}}}, f)
# VS Code too, as the images have it: the code-server the image build made
# (tools/build-code-server keeps it in the cache), on the servers' PATH.
bin_dir = os.path.join(here, "bin")
os.makedirs(bin_dir, exist_ok=True)
cache = os.environ.get("AI_STUDIO_CACHE_DIR") or os.path.join(
    os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "ai-studio")
builds = sorted(glob.glob(os.path.join(cache, "code-server-*", "code-server", "out", "node", "entry.js")),
                key=os.path.getmtime)
if builds:
    top = builds[-1][:-len("/code-server/out/node/entry.js")]
    with open(os.path.join(bin_dir, "code-server"), "w") as f:
        f.write('#!/bin/sh\nexec "%s/node/bin/node" "%s/code-server/out/node/entry.js" "$@"\n' % (top, top))
    os.chmod(os.path.join(bin_dir, "code-server"), 0o755)
c.Spawner.environment = {
    "PYTHONPATH": os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "jupyterlab"),
    "JUPYTER_CONFIG_PATH": singleuser_config,
    "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
}
c.Spawner.default_url = "/tree"
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
c.JupyterHub.allow_named_servers = True
# Answer a spawn request at once (202), so that clients follow its progress.
# One spawn at a time: a second gets 429 with Retry-After (1-2 s), as busy hubs answer.
c.JupyterHub.tornado_settings = {"slow_spawn_timeout": 0, "spawn_throttle_retry_range": (1, 2)}
c.JupyterHub.concurrent_spawn_limit = 1
c.JupyterHub.named_server_limit_per_user = int(os.environ.get("AI_STUDIO_HUB_SERVER_LIMIT", "3"))

c.JupyterHub.services = [{"name": "harness", "api_token": os.environ["AI_STUDIO_HUB_ADMIN_TOKEN"]}]
c.JupyterHub.load_roles = [{"name": "harness", "scopes": ["admin:users", "admin:servers", "tokens"],
                            "services": ["harness"]}]

# The shape of KubeSpawner's profile list: radio "profile" with a slug, and
# per-profile options named profile-option-{slug}--{key}.
c.Spawner.options_form = """
<div class="form-group" id="kubespawner-profiles-list">
  <label for="profile-item-small" class="profile">
    <input type="radio" name="profile" id="profile-item-small" value="small" checked />
    <div><h3>Small</h3><p>1 CPU, 2 GB of memory</p></div>
  </label>
  <label for="profile-item-large" class="profile">
    <input type="radio" name="profile" id="profile-item-large" value="large" />
    <div><h3>Large &amp; fast</h3><p>4 CPUs, 16 GB of memory</p>
      <div class="option">
        <label for="profile-option-large--image">Image</label>
        <select name="profile-option-large--image" class="form-control">
          <option value="scipy" selected>SciPy</option>
          <option value="r">R</option>
        </select>
      </div>
    </div>
  </label>
  <label for="profile-item-broken" class="profile">
    <input type="radio" name="profile" id="profile-item-broken" value="broken" />
    <div><h3>Broken</h3><p>Always fails to start</p></div>
  </label>
</div>
"""


def options_from_form(formdata):
    options = {"profile": formdata.get("profile", ["small"])[0]}
    prefix = "profile-option-%s--" % options["profile"]
    for key, values in formdata.items():
        if key.startswith(prefix):
            options[key[len(prefix):]] = values[0]
    return options


c.Spawner.options_from_form = options_from_form


async def record_options(spawner):
    # The tests read what reached the spawner. The large profile is slow to
    # start (so that progress events flow), the broken one fails.
    with open(os.path.join(here, "spawned.jsonl"), "a") as log:
        log.write(json.dumps({"user": spawner.user.name, "server": spawner.name,
                              "options": spawner.user_options}) + "\n")
    profile = spawner.user_options.get("profile")
    if profile == "large":
        await asyncio.sleep(2)
    if profile == "broken":
        raise RuntimeError("No GPUs are free right now")


c.Spawner.pre_spawn_hook = record_options
