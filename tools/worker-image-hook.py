#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What AI Studio adds to Debian's packages in a worker image: its JupyterLab,
the data-science kernels, a free that says the worker's own memory, and fixes
to Debian's packages, each for a measured cost.
Usage: worker-image-hook.py ROOTFS LAB_BUILD LAB_SOURCES FLAVOR CODE_SERVER_BUILD
(an mmdebstrap customize hook; LAB_BUILD is what build-jupyterlab printed,
CODE_SERVER_BUILD what build-code-server did)."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

root = Path(sys.argv[1])
lab_build = Path(sys.argv[2])
lab_sources = Path(sys.argv[3])
flavor = sys.argv[4]
code_server_build = Path(sys.argv[5])


def compile_in_image(*paths):
    """Bytecode by the image's own Python (a user cannot write it there)."""
    subprocess.run(["chroot", str(root), "python3", "-m", "py_compile", *paths], check=True)


# nbclassic 0.3.2 imports all of IPython (a quarter of a second, a third of
# the server's start) into the Jupyter server only to name IPython's old
# nbextensions folder. The same folder, without the import: IPython's own
# rule ($IPYTHONDIR, else ~/.ipython).
old = """        try:
            from IPython.paths import get_ipython_dir
        except ImportError:
            pass
        else:
            path.append(os.path.join(get_ipython_dir(), 'nbextensions'))
"""
new = """        ipython_dir = os.environ.get('IPYTHONDIR') or os.path.join(os.path.expanduser('~'), '.ipython')
        path.append(os.path.join(ipython_dir, 'nbextensions'))
"""
for name in ("traits.py", "notebookapp.py"):
    module = root / "usr/lib/python3/dist-packages/nbclassic" / name
    text = module.read_text()
    if old not in text:
        sys.exit("worker-image-hook: nbclassic's %s is not the one this fix knows; look again" % name)
    module.write_text(text.replace(old, new))
    compile_in_image("/" + str(module.relative_to(root)))

# JupyterLab: the front end's build in /usr/share/ai-studio/jupyterlab, with
# Debian's MathJax beside it; the server extension that serves it at /lab, and
# where Jupyter opens.
data = root / "usr/share/ai-studio/jupyterlab"
shutil.rmtree(data, ignore_errors=True)
for part in ("static", "schemas", "themes"):
    shutil.copytree(lab_build / part, data / part)
(data / "settings").mkdir()
if not (root / "usr/share/javascript/mathjax/MathJax.js").exists():
    sys.exit("worker-image-hook: Debian's MathJax is not where JupyterLab is told to find it")
(data / "static/mathjax").symlink_to("/usr/share/javascript/mathjax")
# Beside it, ai_studio_exec (the commands `ai-studio-cli exec` runs) and
# ai_studio_services (the worker's ports, and the way to each).
for package in ("ai_studio_lab", "ai_studio_exec", "ai_studio_services"):
    module = root / "usr/lib/python3/dist-packages" / package
    shutil.rmtree(module, ignore_errors=True)
    shutil.copytree(lab_sources / package, module, ignore=shutil.ignore_patterns("__pycache__"))
    compile_in_image(*("/" + str(p.relative_to(root)) for p in sorted(module.glob("*.py"))))
# And `aistudio` for code on the worker: notebooks run from a task's script,
# who the worker runs for.
module = root / "usr/lib/python3/dist-packages/aistudio"
shutil.rmtree(module, ignore_errors=True)
shutil.copytree(lab_sources / "aistudio_worker", module, ignore=shutil.ignore_patterns("__pycache__"))
compile_in_image(*("/" + str(p.relative_to(root)) for p in sorted(module.glob("*.py"))))
# VS Code (code-server) on its own Node.js, in /usr/lib/ai-studio/code-server;
# the worker's Jupyter server starts it when it is opened (ai_studio_services).
code_server = root / "usr/lib/ai-studio/code-server"
shutil.rmtree(code_server, ignore_errors=True)
shutil.copytree(code_server_build, code_server, symlinks=True)
command = root / "usr/local/bin/code-server"
command.write_text('#!/bin/sh\nexec /usr/lib/ai-studio/code-server/node/bin/node '
                   '/usr/lib/ai-studio/code-server/code-server/out/node/entry.js "$@"\n')
command.chmod(0o755)

# free says the worker's own memory (its size), not the host's: the engines
# here give a container the host's /proc/meminfo.
free = root / "usr/local/bin/free"
shutil.copy(Path(__file__).parent / "worker-free", free)
free.chmod(0o755)
# jupyter-lab (which AI Studio starts when an image has it): the server with
# JupyterLab alone, opening at /lab.
launcher = root / "usr/local/bin/jupyter-lab"
launcher.write_text('#!/bin/sh\nexec python3 -m ai_studio_lab "$@"\n')
launcher.chmod(0o755)
# A server started otherwise (jupyterhub-singleuser, jupyter server) has it at /lab too.
config = root / "etc/jupyter/jupyter_server_config.d"
config.mkdir(parents=True, exist_ok=True)
(config / "ai-studio-lab.json").write_text(json.dumps(
    {"ServerApp": {"jpserver_extensions": {"ai_studio_lab": True, "ai_studio_exec": True,
                                         "ai_studio_services": True}}}, indent=2) + "\n")

# The data-science image's kernels: one for machine learning, one for big
# data, each with what it is for already imported.
KERNELS = {
    "ml": ("Python 3 (ML)", "NumPy, pandas, scikit-learn, XGBoost and matplotlib, imported", """# The ML kernel: NumPy, pandas, scikit-learn, XGBoost and matplotlib, loaded.
import numpy as np
import pandas as pd
import sklearn
import xgboost as xgb
import matplotlib.pyplot as plt
"""),
    "big-data": ("Python 3 (Big Data)", "Dask's arrays, data frames and distributed scheduler, imported", """# The big-data kernel: Dask's arrays, data frames and bags, and its distributed scheduler, loaded.
import numpy as np
import pandas as pd
import dask
import dask.array as da
import dask.bag as db
import dask.dataframe as dd
from dask.distributed import Client, LocalCluster
"""),
}
if flavor == "data-science":
    startup = root / "usr/local/share/ai-studio/kernels"
    startup.mkdir(parents=True, exist_ok=True)
    logos = root / "usr/lib/python3/dist-packages/ipykernel/resources"
    for name, (title, description, code) in KERNELS.items():
        (startup / (name + ".py")).write_text(code)
        spec = root / "usr/local/share/jupyter/kernels" / name
        spec.mkdir(parents=True, exist_ok=True)
        (spec / "kernel.json").write_text(json.dumps({
            "argv": ["python3", "-m", "ipykernel_launcher", "-f", "{connection_file}",
                     "--IPKernelApp.exec_files=/usr/local/share/ai-studio/kernels/%s.py" % name],
            "display_name": title,
            "language": "python",
            # What the launcher says of it (AI Studio's JupyterLab bundle), and
            # the plain Python 3 kernel it leaves out of the launcher.
            "metadata": {"debugger": True, "ai_studio": {"description": description, "hides": ["python3"]}},
        }, indent=2) + "\n")
        for logo in logos.glob("logo-*"):
            shutil.copy(logo, spec / logo.name)
