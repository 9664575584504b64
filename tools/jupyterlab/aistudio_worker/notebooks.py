"""Running a notebook from code on the worker (a task's script, a cell), as
AI Studio's tasks run one: its parameters injected after the cell tagged
"parameters", every cell run in the notebook's own kernel, in the notebook's
folder, and the result kept beside it as NAME_output.ipynb (outputs, errors
and all), whether it succeeded or not."""
import os
import uuid
import warnings

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

__all__ = ["execute_notebook", "NotebookFailed", "Result"]


class NotebookFailed(Exception):
    """A cell of the notebook raised; the output notebook says where."""

    def __init__(self, message, result):
        super().__init__(message)
        self.result = result


class Result:
    """What became of a notebook's run."""

    def __init__(self, path, output, error=None):
        self.path = path
        self.output = output
        self.error = error

    @property
    def succeeded(self):
        return self.error is None

    def __repr__(self):
        return "<Result %s: %s>" % (self.output, "succeeded" if self.succeeded else "failed: %s" % self.error)


def _path_of(name):
    path = name if name.endswith(".ipynb") else name + ".ipynb"
    if not os.path.exists(path):
        raise FileNotFoundError("No notebook %s in %s" % (path, os.getcwd()))
    return os.path.abspath(path)


def _inject(nb, parameters):
    """The parameters as a cell after the one tagged "parameters" (else
    first), as AI Studio's tasks and papermill put them."""
    cells = nb.cells
    cells[:] = [c for c in cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    if not parameters:
        return
    source = "# Parameters\n" + "".join("%s = %r\n" % (k, v) for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    at = next((i + 1 for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])), 0)
    cells.insert(at, cell)


def execute_notebook(name, parameters=None, raise_on_failure=False, output=None, timeout=None):
    """Runs the notebook NAME (".ipynb" may be left out), relative to the
    current folder, and keeps it run as ``output`` (NAME_output.ipynb beside
    it by default). Returns a Result; with ``raise_on_failure``, a cell that
    raises raises NotebookFailed (the output notebook is kept all the same).
    ``timeout``: seconds a cell may run, none by default."""
    path = _path_of(name)
    out = os.path.abspath(output) if output else path[:-len(".ipynb")] + "_output.ipynb"
    # Cells of notebooks written by hand may lack the ids nbformat 4.5 wants:
    # given theirs, without a warning about it.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.setdefault("id", uuid.uuid4().hex[:8])
    _inject(nb, parameters or {})
    kernel = nb.metadata.get("kernelspec", {}).get("name") or "python3"
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout,
                            resources={"metadata": {"path": os.path.dirname(path)}})
    error = None
    try:
        client.execute()
    except CellExecutionError as e:
        error = "%s: %s" % (e.ename, e.evalue) if getattr(e, "ename", None) else str(e).strip().splitlines()[-1]
    finally:
        nbformat.write(nb, out)
    result = Result(path, out, error)
    if error is not None and raise_on_failure:
        raise NotebookFailed("Notebook %s failed: %s (see %s)" % (os.path.basename(path), error, out), result)
    return result
