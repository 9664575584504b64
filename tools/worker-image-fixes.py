#!/usr/bin/env python3
"""Fixes to Debian's packages in the worker image, each for a measured cost.
Usage: worker-image-fixes.py ROOTFS (an mmdebstrap customize hook)."""
import subprocess
import sys
from pathlib import Path

root = Path(sys.argv[1])

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
        sys.exit("worker-image-fixes: nbclassic's %s is not the one this fix knows; look again" % name)
    module.write_text(text.replace(old, new))
    # Its bytecode again, by the image's own Python (a user cannot write it there).
    subprocess.run(["chroot", str(root), "python3", "-m", "py_compile", "/" + str(module.relative_to(root))],
                   check=True)
