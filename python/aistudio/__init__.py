# SPDX-License-Identifier: GPL-3.0-or-later
"""AI Studio from Python: regions, workers and their Jupyter servers.

A thin layer over libaistudio (GObject Introspection, namespace ``AiStudio``
version 1): the same core as the window and ``ai-studio-cli``, not a second
implementation. Calls block until done; each runs on a main context of its
own, so no main loop is needed.

    import aistudio
    region = aistudio.get_region()              # This Computer
    w = region.create_worker(size="X-Small")
    print(w.name, w.state, w.jupyter_url)
    w.terminate()
"""

import os
import sys
import warnings

import gi

gi.require_version("AiStudio", "1")
from gi.repository import AiStudio, GLib, GObject, Gio  # noqa: E402

__all__ = [
    "AiStudioError",
    "add_region",
    "Region",
    "Size",
    "Worker",
    "describe_image",
    "get_region",
    "get_regions",
    "remove_region",
]

LOCAL = AiStudio.LOCAL_REGION_ID


class AiStudioError(Exception):
    """An operation failed; ``str(error)`` is the core's message, which says
    what to do. ``code`` is the ``AiStudio.Error`` value (``None`` for errors
    from elsewhere, such as GIO's). For ``UNKNOWN_HOST_KEY``, ``host_key`` is
    the fingerprint of the key the machine showed, to pass as ``host_key=``
    to ``add_region()`` once you know it is that machine's."""

    def __init__(self, message, code=None, domain=None):
        super().__init__(message)
        self.code = code
        self.domain = domain
        self.host_key = None


def _raise(error):
    code = None
    if error.domain == GLib.quark_to_string(AiStudio.error_quark()):
        code = AiStudio.Error(error.code)
    raise AiStudioError(error.message, code=code, domain=error.domain) from None


def _call(func, *args):
    try:
        return func(*args)
    except GLib.Error as error:
        _raise(error)


_registry = None


def _regions():
    global _registry
    if _registry is None:
        _registry = AiStudio.Regions.new()
        _call(_registry.load)
    return _registry


def get_regions():
    """Every region: This Computer first, then the regions added with
    ``ai-studio-cli region add``, the window or ``add_region()``. Not
    refreshed yet."""
    regions = _regions()
    return [Region(regions.get_item(i)) for i in range(regions.get_n_items())]


def get_region(name=None, token=None):
    """This Computer, or the region with this id or name, refreshed.

    ``token`` signs in to a hub region with that API token instead of the one
    kept in the keyring; without it, ``AI_STUDIO_TOKEN`` does the same for a
    region named here."""
    core = _regions().lookup(name or LOCAL)
    if core is None:
        raise AiStudioError(f"There is no region “{name}”.",
                            code=AiStudio.Error.NOT_FOUND)
    token = token or (os.environ.get("AI_STUDIO_TOKEN") if name else None)
    if token and core.get_sign_in_methods() & AiStudio.SignInMethods.TOKEN:
        core.use_token(token)
    region = Region(core)
    region.refresh()
    return region


def add_region(kind, name, **settings):
    """Adds a region of any kind through the registry, as the window and
    ``ai-studio-cli region add`` do, and returns it refreshed. ``kind`` is a
    kind's id (``"hub"``, ``"engine"``, or one a module adds); ``settings``
    are the kind's properties, with ``-`` as ``_``:

        aistudio.add_region("engine", "docker", address="unix:///run/docker.sock")
        aistudio.add_region("hub", "team", url="https://hub.example.org",
                            username="alice", password=getpass.getpass())
        aistudio.add_region("ssh", "gpu", url="ssh://gpu-box")   # an alias of ~/.ssh/config

A machine whose SSH key is not known yet raises ``AiStudioError`` with the
key's fingerprint in ``host_key``; add it again with ``host_key=`` that
fingerprint once you know it is that machine's.

    A hub's password only mints a token (kept in the keyring); it is not kept."""
    kind_type = AiStudio.Regions.lookup_kind(kind)
    if kind_type == GObject.TYPE_INVALID:
        raise AiStudioError(f"There is no kind of region “{kind}”.", code=AiStudio.Error.NOT_FOUND)
    core = GObject.new(kind_type, id=name, **{k.replace("_", "-"): v for k, v in settings.items()})
    regions = _regions()
    try:
        _call(regions.add_sync, core, AiStudio.RegionsAddFlags.NONE, None)
    except AiStudioError as error:
        # The key the machine showed: the region says it (an error's typed
        # data does not cross into Python).
        if error.code == AiStudio.Error.UNKNOWN_HOST_KEY and core.find_property("shown-host-key"):
            error.host_key = core.get_property("shown-host-key")
        raise
    region = Region(core)
    region.refresh()
    return region


def remove_region(name):
    """Removes a region the user added, with its credentials; its workers keep running."""
    core = _regions().lookup(name)
    if core is None:
        raise AiStudioError(f"There is no region “{name}”.", code=AiStudio.Error.NOT_FOUND)
    _call(_regions().remove_sync, core, None)


def describe_image(image):
    """What a worker image that AI Studio knows is for, in a sentence, or
    ``None``; ``region.images`` lists a region's."""
    return AiStudio.image_get_description(image)


class Size:
    """A worker size: ``id``, ``name``, ``cpus``, ``memory_bytes``, ``gpus``,
    ``available`` (and why not: ``unavailable_reason``)."""

    def __init__(self, core):
        self._core = core

    id = property(lambda self: self._core.get_id())
    name = property(lambda self: self._core.get_name())
    description = property(lambda self: self._core.get_description())
    cpus = property(lambda self: self._core.get_cpus())
    memory_bytes = property(lambda self: self._core.get_memory_bytes())
    gpus = property(lambda self: self._core.get_gpus())
    available = property(lambda self: self._core.get_available())
    unavailable_reason = property(lambda self: self._core.get_unavailable_reason())

    def __repr__(self):
        resources = self._core.describe_resources()
        return f"<Size {self.name}{' (' + resources + ')' if resources else ''}>"

    def __str__(self):
        return self.name


class Region:
    """Where workers live: This Computer, a JupyterHub, a container engine
    at an address, or a kind a module adds (``kind``, and ``kind_name`` for
    people)."""

    def __init__(self, core):
        self._core = core

    id = property(lambda self: self._core.get_id())
    kind = property(lambda self: self._core.get_kind())
    kind_name = property(lambda self: self._core.get_kind_name())
    name = property(lambda self: self._core.get_name())
    url = property(lambda self: self._core.get_url())
    user = property(lambda self: self._core.get_user())
    available = property(lambda self: self._core.get_available())
    status = property(lambda self: self._core.get_status())

    def can(self, capability):
        """Whether the region has an ``AiStudio.RegionCapabilities``."""
        return self._core.can(capability)

    def refresh(self):
        """Reads the region's workers again."""
        _call(self._core.refresh_sync, None)
        return self

    @property
    def sizes(self):
        sizes = self._core.list_sizes()
        return [Size(sizes.get_item(i)) for i in range(sizes.get_n_items())]

    @property
    def images(self):
        return list(self._core.list_images() or [])

    @property
    def workers(self):
        workers = self._core.get_workers()
        return [Worker(self, workers.get_item(i)) for i in range(workers.get_n_items())]

    # Practicus's names for the same lists.
    worker_list = workers
    worker_size_list = sizes
    worker_image_list = images

    def get_worker(self, name):
        """The worker with this name (or id prefix), or ``None``."""
        core = self._core.find_worker(name)
        return Worker(self, core) if core is not None else None

    def create_worker(self, size=None, image=None, startup_script=None, auto_shutdown=None,
                      name=None, progress=None):
        """Launches a worker and returns it once its Jupyter server answers.

        ``size``: a size's name or id (``region.sizes``); ``image``: an image
        reference (This Computer); ``auto_shutdown``: idle minutes before it
        stops itself (0: never; default 90); ``progress``: a function called
        with (text, fraction) as the launch goes."""
        options = AiStudio.LaunchOptions.new_full(
            name, size, image, startup_script,
            -1 if auto_shutdown is None else int(auto_shutdown), None)
        callback = _progress_callback(progress)
        core = _call(self._core.launch_sync, options, callback, None)
        return Worker(self, core)

    def run_task(self, file_name, files_path=None, size=None, image=None, startup_script=None,
                 parameters=None, venv=None, terminate_on_completion=True, keep_on_failure=False,
                 capture_task_output=True, timeout=None, output=None, detach=False):
        """Runs a script (.py, .sh) or a notebook (.ipynb) on a fresh worker
        and returns the :class:`Task` once it has ended.

        The folder of ``file_name`` (or ``files_path``) goes to ``~/task`` on
        the worker (hidden files left out); ``parameters``: a notebook's
        parameters, a dict injected after its cell tagged ``parameters``;
        ``venv``: run with ``~/.venv/NAME``'s Python; the worker is
        terminated at the end unless ``terminate_on_completion`` is false, or
        ``keep_on_failure`` and the task failed; ``timeout``: seconds;
        ``output``: a function given the task's output as it comes (default:
        printed); ``detach``: return once the task runs. Raises
        :class:`AiStudioError` when the task could not run at all."""
        task = AiStudio.Task.new(self._core, str(file_name))
        if files_path is not None:
            task.set_files_dir(str(files_path))
        task.set_size(size)
        task.set_image(image)
        task.set_startup_script(startup_script)
        task.set_venv(venv)
        task.set_capture(bool(capture_task_output))
        if timeout:
            task.set_timeout(max(1, int(timeout)))
        task.set_policy(AiStudio.TaskPolicy.KEEP if not terminate_on_completion
                        else AiStudio.TaskPolicy.KEEP_ON_FAILURE if keep_on_failure
                        else AiStudio.TaskPolicy.TERMINATE)
        for key, value in (parameters or {}).items():
            _call(task.add_parameter, "%s=%s" % (key, value))
        show = output if output is not None else _print_output
        task.connect("output", lambda _task, data: show(data.get_data().decode("utf-8", "replace")))
        _call(task.run_sync, bool(detach), None)
        return Task(self, task)

    def __repr__(self):
        return f"<Region {self.id}: {self.name}>"


def _print_output(text):
    sys.stdout.write(text)
    sys.stdout.flush()


class Task:
    """A run of a script or notebook on a fresh worker, and its record."""

    def __init__(self, region, core):
        self.region = region
        self._core = core

    @property
    def id(self):
        return self._core.get_id()

    @property
    def state(self):
        """``launching``, ``uploading``, ``running``, ``succeeded``, ``failed``,
        ``cancelled`` or ``timed-out``."""
        return AiStudio.task_state_to_string(self._core.get_state())

    @property
    def succeeded(self):
        return self.state == "succeeded"

    @property
    def exit_status(self):
        status = self._core.get_exit_status()
        return None if status < 0 else status

    @property
    def message(self):
        """What went wrong, or ``None``."""
        return self._core.get_message()

    @property
    def output(self):
        """The task's output as kept with its record."""
        try:
            with open(self._core.dup_log_path(), encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    @property
    def output_notebook(self):
        """The local copy of the executed notebook, or ``None``."""
        return self._core.get_output_notebook()

    @property
    def worker(self):
        """The kept worker, or ``None`` when it was terminated."""
        if not self._core.get_kept():
            return None
        self.region.refresh()
        return self.region.get_worker(self._core.get_worker_name())

    def follow(self):
        """Waits until the task ends, its output given as it comes."""
        _call(self._core.follow_sync, True, None)
        return self

    def __repr__(self):
        return f"<Task {self.id}: {self.state}>"


def _progress_callback(progress):
    if progress is None:
        return None

    def tell(worker, *unused):
        progress(worker.get_progress_text(), worker.get_progress_fraction())

    return tell


class Worker:
    """A worker: a Jupyter server of a chosen size and image."""

    def __init__(self, region, core):
        self.region = region
        self._core = core

    id = property(lambda self: self._core.get_id())
    name = property(lambda self: self._core.get_name())
    size = property(lambda self: self._core.get_size())
    image = property(lambda self: self._core.get_image())
    jupyter_url = property(lambda self: self._core.get_jupyter_url())
    auto_shutdown = property(lambda self: self._core.get_auto_shutdown_minutes())
    message = property(lambda self: self._core.get_message())

    @property
    def state(self):
        """"launching", "ready", "stopping", "stopped", "starting",
        "terminating" or "failed"."""
        return AiStudio.WorkerState.to_string(self._core.get_state())

    def stop(self):
        """Stops the worker; its disk is kept."""
        _call(self.region._core.stop_sync, self._core, None)
        return self

    def start(self):
        """Starts a stopped worker and waits until it is ready."""
        _call(self.region._core.start_sync, self._core, None)
        return self

    def terminate(self):
        """Removes the worker and its disk."""
        _call(self.region._core.terminate_sync, self._core, None)

    def replicate(self, name=None, progress=None):
        """Launches a copy of this worker and returns it once ready."""
        core = _call(self.region._core.replicate_sync, self._core, name,
                     _progress_callback(progress), None)
        return Worker(self.region, core)

    def get_logs(self):
        """The worker's logs, with tokens hidden."""
        return _call(self.region._core.logs_sync, self._core, None)

    def open_notebook(self, get_url_only=False):
        """Opens the worker's Jupyter in the system browser, signed in (with
        the worker's own token on This Computer; through the hub's sign-in on
        a hub); returns the URL. ``get_url_only=True`` only returns it.

        The browser is given a page private to you that sends it on, never
        the token in its arguments, where every local user could read it."""
        url = self._core.dup_browser_url()
        if url is None:
            raise AiStudioError(f"{self.name} has no Jupyter server yet; start it first.",
                                code=AiStudio.Error.NOT_RUNNING)
        if not get_url_only:
            launch = _call(self._core.dup_browser_launch_uri, None)
            try:
                Gio.AppInfo.launch_default_for_uri(launch, None)
            except GLib.Error as error:
                # No browser here (a server, a container): say so, and how to
                # get the URL, without printing it (it may carry the token).
                warnings.warn(f"No browser could be opened ({error.message}); "
                              "open_notebook(get_url_only=True) returns the URL.", stacklevel=2)
        return url

    @property
    def services(self):
        """What the worker serves: JupyterLab, and each port a program on it
        listens on, as Service objects (name, port, url)."""
        model = _call(self.region._core.list_services_sync, self._core, None)
        return [Service(self, model.get_item(i)) for i in range(model.get_n_items())]

    def open_service(self, name_or_port, get_url_only=False):
        """Opens one of the worker's services ("JupyterLab", "VS Code", a
        program's name, or its port) in the system browser, signed in as
        open_notebook() does; returns its URL. ``get_url_only=True`` only
        returns it."""
        key = str(name_or_port)
        for service in self.services:
            if service._core.matches(key):
                return service.open(get_url_only)
        names = ", ".join(str(s.port or s.name) for s in self.services)
        raise AiStudioError(f"{self.name} serves nothing called {key!r}; it serves: {names}.",
                            code=AiStudio.Error.NOT_FOUND)

    def __repr__(self):
        return f"<Worker {self.name}: {self.state}>"


class Service:
    """Something a worker serves on the web: its JupyterLab, or a port a
    program on it listens on, reached through the worker's Jupyter server."""

    def __init__(self, worker, core):
        self.worker = worker
        self._core = core

    name = property(lambda self: self._core.get_name())
    port = property(lambda self: self._core.get_port() or None)
    url = property(lambda self: self._core.get_url())

    def open(self, get_url_only=False):
        """Opens it in the system browser, signed in; returns its URL (with the
        worker's token on This Computer, as open_notebook's)."""
        worker = self.worker._core
        url = worker.dup_browser_url_for(self.url)
        if not get_url_only:
            launch = _call(worker.dup_browser_launch_uri, self.url)
            try:
                Gio.AppInfo.launch_default_for_uri(launch, None)
            except GLib.Error as error:
                warnings.warn(f"No browser could be opened ({error.message}); "
                              "open(get_url_only=True) returns the URL.", stacklevel=2)
        return url

    def __repr__(self):
        return f"<Service {self.name}" + (f" on port {self.port}>" if self.port else ">")
