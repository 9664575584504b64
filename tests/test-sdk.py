# SPDX-License-Identifier: GPL-3.0-or-later
"""The Python SDK (python/aistudio over the AiStudio-1 typelib) against the
real Podman engine and the real JupyterHub that the harness starts
(tests/with-podman, tests/with-hub): what a data scientist's script does."""

import json
import os
import subprocess
import time
import unittest
import urllib.request

# Task records of this test alone (GLib reads the variable once, at its first use).
os.environ["XDG_DATA_HOME"] = os.path.join(os.environ.get("AI_STUDIO_TEST_DIR", "/tmp"), "sdk-data")

import aistudio  # noqa: E402
from gi.repository import AiStudio, GLib  # noqa: E402

PREFIX = os.environ.get("AI_STUDIO_TEST_PREFIX", "sdk")
CLI = os.environ["AI_STUDIO_CLI"]
HUB = os.environ.get("AI_STUDIO_TEST_HUB")


def name(suffix):
    return f"{PREFIX}-py-{suffix}"


class ThisComputer(unittest.TestCase):
    def test_region_sizes_images(self):
        region = aistudio.get_region()
        self.assertEqual(region.id, "local")
        self.assertTrue(region.available, region.status)
        self.assertIn("X-Small", [s.name for s in region.sizes])
        x_small = next(s for s in region.sizes if s.id == "x-small")
        self.assertEqual((x_small.cpus, x_small.memory_bytes), (1, 2 << 30))
        self.assertIn(AiStudio.LOCAL_REGION_DEFAULT_IMAGE, region.images)
        self.assertIn(AiStudio.DATA_SCIENCE_IMAGE, region.images)
        self.assertIn("scikit-learn", aistudio.describe_image(AiStudio.DATA_SCIENCE_IMAGE))
        self.assertIsNone(aistudio.describe_image("example.org/unknown:1"))
        self.assertIs(aistudio.get_region("This Computer")._core, region._core)

    def test_engine_region_added_from_python(self):
        """A region of any kind through the registry, as the CLI adds one."""
        address = os.environ.get("CONTAINER_HOST") or os.environ["DOCKER_HOST"]
        region = aistudio.add_region("engine", name("engine"), address=address)
        try:
            self.assertEqual((region.kind, region.kind_name), ("engine", "Container Engine"))
            self.assertTrue(region.available, region.status)
            self.assertIn(name("engine"), [r.id for r in aistudio.get_regions()])
            with self.assertRaises(aistudio.AiStudioError) as caught:
                aistudio.add_region("engine", name("engine"), address=address)
            self.assertEqual(caught.exception.code, AiStudio.Error.EXISTS)
        finally:
            aistudio.remove_region(name("engine"))
        self.assertNotIn(name("engine"), [r.id for r in aistudio.get_regions()])
        with self.assertRaises(aistudio.AiStudioError) as caught:
            aistudio.add_region("no-such-kind", name("other"))
        self.assertEqual(caught.exception.code, AiStudio.Error.NOT_FOUND)

    def test_worker_lifecycle(self):
        region = aistudio.get_region()
        steps = []
        w = region.create_worker(size="X-Small", name=name("a"), auto_shutdown=30,
                                 startup_script="echo py-startup-ran",
                                 progress=lambda text, fraction: steps.append(text))
        try:
            self.assertEqual((w.name, w.state, w.size, w.auto_shutdown), (name("a"), "ready", "x-small", 30))
            self.assertTrue(w.jupyter_url.startswith("http://127.0.0.1:"), w.jupyter_url)
            self.assertTrue(steps, "no progress was reported")
            self.assertIn(name("a"), [x.name for x in region.refresh().workers])
            url = w.open_notebook(get_url_only=True)
            self.assertIn("token=", url)
            # The browser gets a page private to the user, not the token in its arguments.
            launched = []
            real_launch = aistudio.Gio.AppInfo.launch_default_for_uri
            aistudio.Gio.AppInfo.launch_default_for_uri = lambda uri, context: launched.append(uri)
            try:
                self.assertEqual(w.open_notebook(), url)
            finally:
                aistudio.Gio.AppInfo.launch_default_for_uri = real_launch
            self.assertEqual(len(launched), 1)
            self.assertTrue(launched[0].startswith("file://"), launched[0])
            self.assertNotIn(w._core.get_token(), launched[0])
            page = GLib.filename_from_uri(launched[0])[0]
            self.assertEqual(os.stat(page).st_mode & 0o777, 0o600)
            self.assertEqual(os.stat(os.path.dirname(page)).st_mode & 0o777, 0o700)
            with open(page) as f:
                self.assertIn(url.replace("&", "&amp;"), f.read())
            logs = w.get_logs()
            self.assertIn("py-startup-ran", logs)
            token = w._core.get_token()
            self.assertNotIn(token, logs, "the logs show the worker's token")

            # What it serves: JupyterLab; then a program's port, by its name,
            # reached signed in through the worker's Jupyter server.
            self.assertEqual([(s.name, s.port) for s in w.services], [("JupyterLab", None), ("VS Code", None)])
            subprocess.run([CLI, "exec", w.name, "sh", "-c",
                            "setsid python3 -m http.server 8001 >/dev/null 2>&1 </dev/null &"], check=True)
            for _ in range(50):
                if 8001 in [s.port for s in w.services]:
                    break
                time.sleep(0.2)
            self.assertEqual([s.name for s in w.services if s.port == 8001], ["http.server"])
            url = w.open_service(8001, get_url_only=True)
            self.assertIn("/ai-studio/proxy/8001/", url)
            self.assertEqual(w.open_service("http.server", get_url_only=True), url)
            with urllib.request.urlopen(url, timeout=10) as reply:
                self.assertIn(b"Directory listing", reply.read())
            with self.assertRaises(aistudio.AiStudioError) as caught:
                w.open_service("nothing-here")
            self.assertEqual(caught.exception.code, AiStudio.Error.NOT_FOUND)
            self.assertIn("8001", str(caught.exception))

            w.stop()
            self.assertEqual(w.state, "stopped")
            w.start()
            self.assertEqual(w.state, "ready")

            copy = w.replicate(name=name("a-copy"))
            self.assertEqual((copy.name, copy.state, copy.size), (name("a-copy"), "ready", "x-small"))
            copy.terminate()
            self.assertIsNone(region.refresh().get_worker(name("a-copy")))
        finally:
            w.terminate()
        self.assertIsNone(region.refresh().get_worker(name("a")))

    def test_errors_are_exceptions(self):
        region = aistudio.get_region()
        with self.assertRaises(aistudio.AiStudioError) as caught:
            region.create_worker(size="Enormous", name=name("e"))
        self.assertEqual(caught.exception.code, AiStudio.Error.INVALID_SIZE)
        self.assertIn("Enormous", str(caught.exception))
        with self.assertRaises(aistudio.AiStudioError) as caught:
            region.create_worker(image="Not An/Image", name=name("e"))
        self.assertEqual(caught.exception.code, AiStudio.Error.INVALID_IMAGE)
        with self.assertRaises(aistudio.AiStudioError) as caught:
            region.create_worker(name="no spaces allowed")
        self.assertEqual(caught.exception.code, AiStudio.Error.INVALID_NAME)
        with self.assertRaises(aistudio.AiStudioError) as caught:
            aistudio.get_region("nowhere")
        self.assertEqual(caught.exception.code, AiStudio.Error.NOT_FOUND)


    def test_run_task(self):
        region = aistudio.get_region()
        folder = os.path.join(os.environ["AI_STUDIO_TEST_DIR"], "sdk-task")
        os.makedirs(os.path.join(folder, "data"), exist_ok=True)
        with open(os.path.join(folder, "data", "n.txt"), "w") as f:
            f.write("6\n")
        with open(os.path.join(folder, "job.py"), "w") as f:
            f.write("n = int(open('data/n.txt').read())\nprint('sdk-task', n * 7)\nraise SystemExit(3)\n")
        seen = []
        task = region.run_task(os.path.join(folder, "job.py"), size="x-small", keep_on_failure=True,
                               output=seen.append)
        self.assertEqual((task.state, task.exit_status, task.succeeded), ("failed", 3, False))
        self.assertIn("sdk-task 42", "".join(seen))
        self.assertIn("sdk-task 42", task.output)
        worker = task.worker
        self.assertIsNotNone(worker, "the failed task's worker was not kept")
        self.assertEqual(worker.state, "ready")
        worker.terminate()

        with self.assertRaises(aistudio.AiStudioError) as caught:
            region.run_task(os.path.join(folder, "missing.py"))
        self.assertEqual(caught.exception.code, AiStudio.Error.NOT_FOUND)


@unittest.skipUnless(HUB, "needs the test hub (tests/with-hub)")
class Hub(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        admin = {"Authorization": "token " + os.environ["AI_STUDIO_HUB_ADMIN_TOKEN"]}
        subprocess.run(["curl", "-sf", "-X", "POST", "-H", "Authorization: " + admin["Authorization"],
                        HUB + "/hub/api/users/alice"], check=False, capture_output=True)
        subprocess.run([CLI, "region", "add", "team", HUB, "--username", "alice"],
                       input=os.environ["AI_STUDIO_HUB_PASSWORD"] + "\n", text=True, check=True,
                       capture_output=True)

    def spawned_with(self):
        with open(os.path.join(os.environ["AI_STUDIO_HUB_DIR"], "spawned.jsonl")) as log:
            event = json.loads(log.readlines()[-1])
        return event["server"], event["options"]

    def test_hub_region_and_profile_launch(self):
        region = aistudio.get_region("team")
        self.assertEqual((region.id, region.user), ("team", "alice"))
        self.assertTrue(region.can(AiStudio.RegionCapabilities.SIGN_IN))
        self.assertIn("team", [r.id for r in aistudio.get_regions()])
        w = region.create_worker(size="large", name=name("hub"))
        try:
            self.assertEqual(w.state, "ready")
            self.assertEqual(self.spawned_with(), (name("hub"), {"profile": "large", "image": "scipy"}))
            self.assertEqual(json.loads(w._core.get_user_options())["profile"], "large")
            url = w.open_notebook(get_url_only=True)
            self.assertNotIn("token", url, "a hub token must not go into a browser URL")
            w.stop()
            self.assertEqual(w.state, "stopped")
        finally:
            w.terminate()
        self.assertIsNone(region.refresh().get_worker(name("hub")))

    def test_wrong_token_is_an_exception(self):
        try:
            with self.assertRaises(aistudio.AiStudioError) as caught:
                aistudio.get_region("team", token="not-a-token")
            self.assertEqual(caught.exception.code, AiStudio.Error.AUTH)
            self.assertIn("refused its token", str(caught.exception))
        finally:
            aistudio.get_regions()  # the registry is shared: give the region its own token back
            aistudio._regions().lookup("team").use_token(None)


@unittest.skipUnless(os.environ.get("AI_STUDIO_TEST_SSH_HOST"), "needs tests/with-sshd")
class RemoteMachine(unittest.TestCase):
    """A machine reached with ssh, added and used from a script."""

    def test_machine_added_and_used(self):
        url = "ssh://" + os.environ["AI_STUDIO_TEST_SSH_HOST"]
        with self.assertRaises(aistudio.AiStudioError) as caught:
            aistudio.add_region("ssh", name("ssh"), url=url)
        self.assertEqual(caught.exception.code, AiStudio.Error.UNKNOWN_HOST_KEY)
        key = caught.exception.host_key
        shown = subprocess.run(["ssh-keygen", "-lf", os.path.join(os.environ["AI_STUDIO_TEST_DIR"], "ssh", "host_key.pub")],
                               capture_output=True, text=True, check=True).stdout.split()[1]
        self.assertEqual(key, shown)
        region = aistudio.add_region("ssh", name("ssh"), url=url, host_key=key)
        try:
            self.assertEqual((region.kind, region.kind_name), ("ssh", "Remote Machine (SSH)"))
            self.assertTrue(region.available, region.status)
            w = region.create_worker(size="x-small", name=name("on-ssh"))
            try:
                self.assertEqual(w.state, "ready")
                # Its Jupyter, through the tunnel, on this computer's loopback.
                self.assertTrue(w.jupyter_url.startswith("http://127.0.0.1:"), w.jupyter_url)
            finally:
                w.terminate()
            self.assertIsNone(region.refresh().get_worker(name("on-ssh")))
        finally:
            aistudio.remove_region(name("ssh"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
