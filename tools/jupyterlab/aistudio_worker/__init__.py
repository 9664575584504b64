"""AI Studio on the worker: what code running on a worker (a task's script,
a notebook's cell, a terminal) may ask of AI Studio. In AI Studio's worker
images this package is importable as ``aistudio``:

    import aistudio
    result = aistudio.notebooks.execute_notebook("analysis", parameters={"rows": 10},
                                                 raise_on_failure=True)
    print(aistudio.whoami())         # who the worker runs for

(The ``aistudio`` package on a desktop is the SDK that manages workers; this
one is for code on a worker, which has no desktop to talk to.)"""
import getpass
import os

from . import notebooks

__all__ = ["notebooks", "whoami", "NotebookFailed"]

NotebookFailed = notebooks.NotebookFailed


def whoami():
    """Who the worker runs for: on a hub, the hub's user; else the worker's
    own user."""
    return os.environ.get("JUPYTERHUB_USER") or getpass.getuser()
