"""AI Studio's JupyterLab: the front end built from tools/jupyterlab, served at
/lab by Debian's jupyterlab_server. Installed in AI Studio's worker images, with
its files in /usr/share/ai-studio/jupyterlab (AI_STUDIO_LAB_DIR elsewhere)."""
import os

from jupyter_server.utils import url_path_join
from jupyterlab_server import LabServerApp

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("AI_STUDIO_LAB_DIR", "/usr/share/ai-studio/jupyterlab")
USER = os.path.join(os.path.expanduser("~"), ".jupyter", "lab")

# Plugins that would call the internet from a worker: news and update checks.
DISABLED = ["@jupyterlab/apputils-extension:announcements"]


def page_config_hook(handler, page_config):
    """Each page's own copy of the server's shared page config.

    jupyterlab_server keeps one page config for the whole server, and a request
    for an unknown /lab/... page writes its notFoundUrl there: every later page
    would say "Path Not Found" until the server restarts. The copy keeps that to
    the page that asked for it."""
    page = dict(page_config)
    page.pop("notFoundUrl", None)
    page["disabledExtensions"] = sorted(set(page.get("disabledExtensions", [])) | set(DISABLED))
    # MathJax from Debian's libjs-mathjax, beside the bundle, not from a CDN.
    page["fullMathjaxUrl"] = url_path_join(page["fullStaticUrl"], "mathjax", "MathJax.js")
    page["mathjaxConfig"] = "TeX-AMS_HTML-full,Safe"
    return page


class AiStudioLab(LabServerApp):
    """JupyterLab at /lab, from AI Studio's own build."""

    # jupyter_server finds an extension's app by its module's name.
    name = __name__
    app_name = "JupyterLab"
    app_url = "/lab"
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False
    static_dir = os.path.join(DATA, "static")
    schemas_dir = os.path.join(DATA, "schemas")
    themes_dir = os.path.join(DATA, "themes")
    app_settings_dir = os.path.join(DATA, "settings")
    templates_dir = os.path.join(HERE, "templates")
    user_settings_dir = os.path.join(USER, "user-settings")
    workspaces_dir = os.path.join(USER, "workspaces")

    def initialize_handlers(self):
        super().initialize_handlers()
        # Started as JupyterLab's own server, it loads no other extension:
        # ai_studio_exec's socket and ai_studio_services' list and proxy come
        # with it (beside it in the image).
        from ai_studio_exec import ExecSocket
        from ai_studio_services import HANDLERS
        self.handlers.append((r"/ai-studio/exec", ExecSocket))
        self.handlers.extend(HANDLERS)

    def initialize_settings(self):
        super().initialize_settings()
        self.settings["page_config_hook"] = page_config_hook


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": AiStudioLab}]


main = AiStudioLab.launch_instance
