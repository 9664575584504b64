// AI Studio's JupyterLab front end: JupyterLab 3.6's application with its
// standard extensions, served by the ai_studio_lab server extension at /lab.
import { PageConfig } from '@jupyterlab/coreutils';

// Chunks and assets load from where the server serves this bundle.
// eslint-disable-next-line no-undef
__webpack_public_path__ = PageConfig.getOption('fullStaticUrl') + '/';

import './style.js';

const extensions = [
  require('@jupyterlab/application-extension'),
  require('@jupyterlab/apputils-extension'),
  require('@jupyterlab/celltags-extension'),
  require('@jupyterlab/codemirror-extension'),
  require('@jupyterlab/completer-extension'),
  require('@jupyterlab/console-extension'),
  require('@jupyterlab/csvviewer-extension'),
  require('@jupyterlab/docmanager-extension'),
  require('@jupyterlab/docprovider-extension'),
  require('@jupyterlab/filebrowser-extension'),
  require('@jupyterlab/fileeditor-extension'),
  require('@jupyterlab/help-extension'),
  require('@jupyterlab/hub-extension'),
  require('@jupyterlab/imageviewer-extension'),
  require('@jupyterlab/launcher-extension'),
  require('@jupyterlab/logconsole-extension'),
  require('@jupyterlab/mainmenu-extension'),
  require('@jupyterlab/markdownviewer-extension'),
  require('@jupyterlab/mathjax2-extension'),
  require('@jupyterlab/notebook-extension'),
  require('@jupyterlab/rendermime-extension'),
  require('@jupyterlab/running-extension'),
  require('@jupyterlab/settingeditor-extension'),
  require('@jupyterlab/shortcuts-extension'),
  require('@jupyterlab/statusbar-extension'),
  require('@jupyterlab/terminal-extension'),
  require('@jupyterlab/theme-dark-extension'),
  require('@jupyterlab/theme-light-extension'),
  require('@jupyterlab/toc-extension'),
  require('@jupyterlab/tooltip-extension'),
  require('@jupyterlab/translation-extension'),
  require('@jupyterlab/ui-components-extension')
];

const mimeExtensions = [
  require('@jupyterlab/javascript-extension'),
  require('@jupyterlab/json-extension'),
  require('@jupyterlab/pdf-extension')
];

const LIGHT = 'JupyterLab Light';
const DARK = 'JupyterLab Dark';

const THEMES = '@jupyterlab/apputils-extension:themes';

// The theme follows the desktop's (or the browser's) dark style, as a GNOME
// app's content does, and switches when it changes. A theme the user picked
// other than the two stays theirs. It is set as soon as the theme settings
// load, before the theme manager loads the one they name: a page opened on a
// dark desktop never shows the light theme first.
async function followColorScheme(registry) {
  const settings = await registry.load(THEMES);
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => {
    const want = dark.matches ? DARK : LIGHT;
    const current = settings.composite.theme;
    if (current !== want && (current === LIGHT || current === DARK)) {
      void settings.set('theme', want);
    }
  };
  dark.addEventListener('change', apply);
  apply();
}

// The plugins of the extension modules that the page config does not
// disable (the server disables those that would call the internet).
function enabled(modules) {
  const plugins = [];
  for (const module of modules) {
    const exported = module.__esModule ? module.default : module;
    for (const plugin of Array.isArray(exported) ? exported : [exported]) {
      if (!PageConfig.Extension.isDisabled(plugin.id)) {
        plugins.push(plugin);
      }
    }
  }
  return plugins;
}

async function main() {
  const { ILabShell, JupyterLab } = require('@jupyterlab/application');
  const { IThemeManager } = require('@jupyterlab/apputils');
  const { ISettingRegistry } = require('@jupyterlab/settingregistry');
  const { IFileBrowserFactory } = require('@jupyterlab/filebrowser');
  const lab = new JupyterLab({ mimeExtensions: enabled(mimeExtensions) });

  lab.registerPlugins(enabled(extensions));
  // A plugin of our own: the theme settings, for following the desktop
  // (after the theme manager, which loads them first); and what AI Studio's
  // window shows of the page: the folder the file browser shows (where files
  // dropped on the page go) and the document in front (the window's tab title).
  lab.registerPlugin({
    id: 'ai-studio:window',
    autoStart: true,
    requires: [IThemeManager, ISettingRegistry, IFileBrowserFactory, ILabShell],
    activate: (app, themes, registry, browsers, shell) => {
      void followColorScheme(registry);
      const handlers = window.webkit && window.webkit.messageHandlers;
      const aiStudio = handlers && handlers.aiStudio;
      if (!aiStudio) {
        return;
      }
      const browser = browsers.defaultBrowser;
      if (browser) {
        const tellFolder = () => aiStudio.postMessage({ folder: browser.model.path });
        browser.model.pathChanged.connect(tellFolder);
        tellFolder();
      }
      let watched = null;
      const tellDocument = () => {
        const current = shell.currentWidget;
        if (watched !== current) {
          if (watched) {
            watched.title.changed.disconnect(tellDocument);
          }
          watched = current;
          if (current) {
            current.title.changed.connect(tellDocument);
          }
        }
        aiStudio.postMessage({ document: current ? current.title.label : '' });
      };
      shell.currentChanged.connect(tellDocument);
      tellDocument();
    }
  });
  // Whoever drives the page (AI Studio's window, its tests) reaches the app here.
  window.jupyterapp = lab;
  await lab.start();
}

window.addEventListener('load', main);
