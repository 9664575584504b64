"""jupyter-lab in AI Studio's worker images: a Jupyter server with JupyterLab at /lab."""
from . import main

main()
