# SPDX-License-Identifier: GPL-3.0-or-later
# AI Studio's task runner: runs one task on this worker and writes what
# becomes of it next to itself (~/task-run/): output.log as the task writes
# it, status.json (replaced whole) when it starts and when it ends.
#
# It is started from a terminal of the worker's Jupyter server, in a session
# of its own (so it starts at once and outlives the terminal), while a cell of
# a kernel of that server waits for it (the keeper): a busy kernel keeps the
# server up (Jupyter neither culls it nor ends an idle server while it
# exists), and an interrupt of that kernel reaches the runner as SIGINT. The
# run goes on when the client that started it goes away. Standard library only, plus jupyter_client
# for notebooks, which every Jupyter server has.
#
# Usage: python3 runner.py SPEC.json SERVER_PID
import json
import os
import queue
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone

GRACE_SECONDS = 60      # for a client to collect the result before the server ends


class TimedOut(Exception):
    pass


class Failure(Exception):
    """The task could not be run at all (a missing venv, no kernel)."""


def now():
    return datetime.now(timezone.utc).isoformat()


class Run:
    def __init__(self, spec_path):
        with open(spec_path) as f:
            self.spec = json.load(f)
        self.dir = os.path.dirname(os.path.abspath(spec_path))
        self.home = os.path.expanduser("~")
        self.task_dir = os.path.join(self.home, "task")
        self.file = os.path.join(self.task_dir, self.spec["file"])
        timeout = self.spec.get("timeout_seconds") or 0
        self.deadline = time.monotonic() + timeout if timeout > 0 else None
        self.log = open(os.path.join(self.dir, "output.log"), "wb", buffering=0)
        self.started = now()

    def write_status(self, **fields):
        fields["id"] = self.spec["id"]
        fields["started"] = self.started
        path = os.path.join(self.dir, "status.json")
        with open(path + ".tmp", "w") as f:
            json.dump(fields, f)
        os.replace(path + ".tmp", path)

    def say(self, text):
        self.log.write(text.encode("utf-8", "replace"))

    def remaining(self):
        if self.deadline is None:
            return None
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimedOut()
        return left

    # ---- scripts --------------------------------------------------------
    def python(self):
        venv = self.spec.get("venv")
        if not venv:
            return sys.executable or "python3"
        python = os.path.join(self.home, ".venv", venv, "bin", "python")
        if not os.access(python, os.X_OK):
            raise Failure("There is no virtual environment ~/.venv/%s on the worker: create it in the "
                          "startup script (python3 -m venv ~/.venv/%s)." % (venv, venv))
        return python

    def run_script(self, kind):
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        if kind == "py":
            argv = [self.python(), self.file]
        else:
            argv = ["bash", self.file]
            if self.spec.get("venv"):
                env["PATH"] = os.path.dirname(self.python()) + os.pathsep + env.get("PATH", "")
        argv += self.spec.get("arguments", [])
        child = subprocess.Popen(argv, cwd=self.task_dir, stdin=subprocess.DEVNULL, stdout=self.log,
                                 stderr=subprocess.STDOUT, env=env, start_new_session=True)
        try:
            while True:
                try:
                    code = child.wait(timeout=min(self.remaining() or 1.0, 1.0))
                    break
                except subprocess.TimeoutExpired:
                    pass
        except BaseException:
            self.end_group(child)
            raise
        return (code if code >= 0 else 128 - code), None

    @staticmethod
    def end_group(child):
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            try:
                os.killpg(child.pid, sig)
            except ProcessLookupError:
                return
            try:
                child.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                pass

    # ---- notebooks ------------------------------------------------------
    def inject_parameters(self, cells):
        params = self.spec.get("parameters") or {}
        cells[:] = [c for c in cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
        if not params:
            return
        source = "# Parameters\n" + "".join("%s = %r\n" % (k, v) for k, v in params.items())
        cell = {"cell_type": "code", "execution_count": None, "id": "injected-parameters",
                "metadata": {"tags": ["injected-parameters"]}, "outputs": [], "source": source}
        at = 0
        for i, c in enumerate(cells):
            if "parameters" in c.get("metadata", {}).get("tags", []):
                at = i + 1
                break
        cells.insert(at, cell)

    def save_notebook(self, nb, path):
        with open(path + ".tmp", "w") as f:
            json.dump(nb, f, indent=1, ensure_ascii=False)
            f.write("\n")
        os.replace(path + ".tmp", path)

    def run_notebook(self):
        from jupyter_client.manager import KernelManager
        from jupyter_client.kernelspec import NoSuchKernel

        with open(self.file) as f:
            nb = json.load(f)
        cells = nb.setdefault("cells", [])
        self.inject_parameters(cells)
        out_path = self.file[:-len(".ipynb")] + "_output.ipynb"
        self.output_notebook = os.path.relpath(out_path, self.home)
        name = nb.get("metadata", {}).get("kernelspec", {}).get("name") or "python3"
        km = KernelManager(kernel_name=name)
        try:
            km.kernel_spec
        except NoSuchKernel:
            km = KernelManager(kernel_name="python3")
        # The output names the kernel it ran in, so that Jupyter opens it with that one.
        spec = km.kernel_spec
        nb.setdefault("metadata", {})["kernelspec"] = {
            "name": km.kernel_name, "display_name": spec.display_name, "language": spec.language}
        if self.spec.get("venv"):
            python = self.python()
            spec = km.kernel_spec
            spec.argv = [python, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
        try:
            km.start_kernel(cwd=self.task_dir)
        except Exception as e:
            raise Failure("Could not start the notebook's kernel (%s): %s" % (name, e))
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            number = 0
            for cell in cells:
                if cell.get("cell_type") != "code":
                    continue
                number += 1
                error = self.run_cell(km, kc, cell)
                self.save_notebook(nb, out_path)
                if error is not None:
                    error["cell"] = number
                    return 1, error
            return 0, None
        finally:
            self.save_notebook(nb, out_path)
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def run_cell(self, km, kc, cell):
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(source)
        cell["outputs"] = outputs = []
        cell["execution_count"] = None
        msg_id = kc.execute(source, store_history=True, allow_stdin=False, stop_on_error=True)
        error = None
        try:
            while True:
                try:
                    msg = kc.get_iopub_msg(timeout=min(self.remaining() or 1.0, 1.0))
                except queue.Empty:
                    continue
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind, content = msg["msg_type"], msg["content"]
                if kind == "status" and content.get("execution_state") == "idle":
                    return error
                if kind == "execute_input":
                    cell["execution_count"] = content.get("execution_count")
                elif kind == "stream":
                    self.say(content.get("text", ""))
                    if outputs and outputs[-1].get("output_type") == "stream" and outputs[-1]["name"] == content["name"]:
                        outputs[-1]["text"] += content.get("text", "")
                    else:
                        outputs.append({"output_type": "stream", "name": content.get("name", "stdout"),
                                        "text": content.get("text", "")})
                elif kind in ("execute_result", "display_data"):
                    out = {"output_type": kind, "data": content.get("data", {}),
                           "metadata": content.get("metadata", {})}
                    if kind == "execute_result":
                        out["execution_count"] = content.get("execution_count")
                    outputs.append(out)
                    text = content.get("data", {}).get("text/plain")
                    if text:
                        self.say(text + "\n")
                elif kind == "error":
                    outputs.append({"output_type": "error", "ename": content.get("ename", ""),
                                    "evalue": content.get("evalue", ""), "traceback": content.get("traceback", [])})
                    self.say("\n".join(content.get("traceback", [])) + "\n")
                    error = {"name": content.get("ename", ""), "value": content.get("evalue", "")}
                elif kind == "clear_output":
                    del outputs[:]
        except BaseException:
            km.interrupt_kernel()
            raise

    # ---- the run --------------------------------------------------------
    def run(self):
        self.output_notebook = None
        self.write_status(state="running")
        error = None
        code = None
        try:
            kind = self.spec["kind"]
            if kind == "ipynb":
                code, error = self.run_notebook()
            else:
                code, error = self.run_script(kind)
            state = "succeeded" if code == 0 else "failed"
        except TimedOut:
            state, code = "timed-out", 124
            self.say("\nAI Studio: the task ran out of time (%s seconds).\n" % self.spec.get("timeout_seconds"))
        except KeyboardInterrupt:
            state, code = "cancelled", 130
            self.say("\nAI Studio: the task was cancelled.\n")
        except Failure as e:
            state, code, error = "failed", None, {"message": str(e)}
            self.say("AI Studio: %s\n" % e)
        except Exception as e:
            state, code, error = "failed", None, {"message": "%s: %s" % (type(e).__name__, e)}
            self.say("AI Studio: the task could not run: %s: %s\n" % (type(e).__name__, e))
        self.log.close()
        self.write_status(state=state, exit_status=code, error=error, ended=now(),
                          output_notebook=self.output_notebook)
        return state, code


def main():
    # The keeper (a kernel cell that keeps the worker up) waits on this pid.
    pid_file = os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])), "runner.pid")
    with open(pid_file + ".tmp", "w") as f:
        f.write(str(os.getpid()))
    os.replace(pid_file + ".tmp", pid_file)
    run = Run(sys.argv[1])
    server = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    # A cancel comes as SIGINT (a shell may have started us with it ignored), an end as SIGTERM.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    state, code = run.run()
    policy = run.spec.get("policy", "terminate")
    ends = policy == "terminate" or (policy == "keep-on-failure" and state == "succeeded")
    if ends and server > 0:
        # A client following the task collects it and removes the worker; if
        # none does, the worker ends itself (the client tidies up later).
        try:
            time.sleep(GRACE_SECONDS)
        except KeyboardInterrupt:
            pass
        os.kill(server, signal.SIGTERM)


if __name__ == "__main__":
    main()
