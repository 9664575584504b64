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
const darkDesktop = window.matchMedia('(prefers-color-scheme: dark)');
const desktopTheme = () => (darkDesktop.matches ? DARK : LIGHT);

// The theme follows the desktop's (or the browser's) dark style, as a GNOME
// app's content does. A theme the user picked other than the two stays theirs.
//
// On the page's load the theme settings say the desktop's theme as they come
// from the server, where they say Light, Dark or nothing: the theme manager's
// first theme is the desktop's, so that a page opened on a dark desktop never
// shows JupyterLab Light first (setting it once the settings have loaded would
// race the theme manager's first load).
function desktopThemeInSettings(manager) {
  const adjust = plugin => {
    if (plugin && plugin.id === THEMES) {
      const want = desktopTheme();
      const theme = plugin.schema && plugin.schema.properties && plugin.schema.properties.theme;
      if (theme) {
        theme.default = want;
      }
      if (typeof plugin.raw === 'string') {
        // The user's own line (not a comment): JupyterLab writes one a line.
        plugin.raw = plugin.raw.replace(/^(\s*"theme"\s*:\s*)"JupyterLab (Light|Dark)"/m, `$1"${want}"`);
      }
    }
    return plugin;
  };
  const fetch = manager.fetch.bind(manager);
  const list = manager.list.bind(manager);
  manager.fetch = async id => adjust(await fetch(id));
  manager.list = async query => {
    const plugins = await list(query);
    plugins.values.forEach(adjust);
    return plugins;
  };
}

// Then, live: the setting changes with the desktop.
async function followColorScheme(registry) {
  const settings = await registry.load(THEMES);
  const apply = () => {
    const want = desktopTheme();
    const current = settings.composite.theme;
    if (current !== want && (current === LIGHT || current === DARK)) {
      void settings.set('theme', want);
    }
  };
  darkDesktop.addEventListener('change', apply);
  apply();
}

// JupyterLab's answer to a lost server: a dialog ("Server Connection Error",
// or a hub's "restart it?"). AI Studio's window shows the worker's state in
// the tab itself and takes the page up again when the worker is back (a
// dialog left on the page would greet the user then); a browser keeps
// JupyterLab's own.
const CONNECTION_LOST = '@jupyterlab/apputils-extension:connectionlost';

function pluginsOf(module) {
  const exported = module.__esModule ? module.default : module;
  return Array.isArray(exported) ? exported : [exported];
}

// The plugins of the extension modules that the page config does not
// disable (the server disables those that would call the internet).
function enabled(modules) {
  const plugins = [];
  for (const module of modules) {
    for (const plugin of pluginsOf(module)) {
      if (!PageConfig.Extension.isDisabled(plugin.id) && plugin.id !== CONNECTION_LOST) {
        plugins.push(plugin);
      }
    }
  }
  return plugins;
}

function connectionLostPlugin() {
  const { IConnectionLost, JupyterFrontEnd } = require('@jupyterlab/application');
  const { ITranslator } = require('@jupyterlab/translation');
  const original = pluginsOf(require('@jupyterlab/hub-extension')).find(p => p.id === CONNECTION_LOST);
  return {
    id: 'ai-studio:connection-lost',
    autoStart: true,
    requires: [JupyterFrontEnd.IPaths, ITranslator],
    provides: IConnectionLost,
    activate: (app, paths, translator) => {
      const handlers = window.webkit && window.webkit.messageHandlers;
      if (handlers && handlers.aiStudio) {
        return async () => {};
      }
      return original.activate(app, paths, translator);
    }
  };
}

// The launcher says what each kernel is for, and leaves out a kernel another
// one stands in for: a kernelspec's metadata may carry
// {"ai_studio": {"description": "...", "hides": ["python3"]}} (the
// data-science image's kernels do, so that its plain Python 3 kernel, which
// imports nothing, does not sit beside them and confuse). Notebooks saved with
// a hidden kernel still open on it: only its launcher cards go.
function kernelOf(options) {
  const args = options.args || {};
  if (!args.isLauncher) {
    return null;
  }
  return args.kernelName || (args.kernelPreference && args.kernelPreference.name) || null;
}

function cssString(text) {
  return '"' + String(text).replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\a ') + '"';
}

function launcherPlugin() {
  const { ILauncher } = require('@jupyterlab/launcher');
  return {
    id: 'ai-studio:launcher',
    autoStart: true,
    requires: [ILauncher],
    activate: (app, launcher) => {
      const style = document.createElement('style');
      document.head.appendChild(style);
      const specsOf = () => {
        const specs = app.serviceManager.kernelspecs.specs;
        return (specs && specs.kernelspecs) || {};
      };
      const studioOf = spec => {
        const studio = spec && spec.metadata && spec.metadata.ai_studio;
        return studio && typeof studio === 'object' ? studio : {};
      };
      const describe = () => {
        const rules = [];
        for (const spec of Object.values(specsOf())) {
          const description = studioOf(spec).description;
          if (typeof description !== 'string' || !spec.display_name) {
            continue;
          }
          const card = `.jp-LauncherCard[title=${cssString(spec.display_name)}]`;
          rules.push(`${card} { width: 184px; height: auto; min-height: var(--jp-private-launcher-card-size); }`,
                     `${card} .jp-LauncherCard-label { height: auto; }`,
                     `${card} .jp-LauncherCard-label::after { content: ${cssString(description.slice(0, 200))};` +
                     ' display: block; padding: 2px 4px 4px; font-size: 11px; line-height: 13px;' +
                     ' color: var(--jp-ui-font-color2); text-align: center; }');
        }
        style.textContent = rules.join('\n');
      };
      const add = launcher.add.bind(launcher);
      launcher.add = options => {
        const name = kernelOf(options);
        const specs = specsOf();
        const hides = other => {
          const hidden = studioOf(specs[other]).hides;
          return other !== name && Array.isArray(hidden) && hidden.includes(name);
        };
        if (name && Object.keys(specs).some(hides)) {
          return { isDisposed: false, dispose() { this.isDisposed = true; } };
        }
        describe();
        return add(options);
      };
      app.serviceManager.kernelspecs.specsChanged.connect(describe);
    }
  };
}

async function main() {
  const { ILabShell, JupyterLab } = require('@jupyterlab/application');
  const { ISettingRegistry } = require('@jupyterlab/settingregistry');
  const { IFileBrowserFactory } = require('@jupyterlab/filebrowser');
  const lab = new JupyterLab({ mimeExtensions: enabled(mimeExtensions) });
  desktopThemeInSettings(lab.serviceManager.settings);

  lab.registerPlugins(enabled(extensions));
  lab.registerPlugin(connectionLostPlugin());
  lab.registerPlugin(launcherPlugin());
  // A plugin of our own: the theme settings, for following the desktop live;
  // and what AI Studio's window shows of the page: the folder the file
  // browser shows (where files dropped on the page go) and the document in
  // front (the window's tab title).
  lab.registerPlugin({
    id: 'ai-studio:window',
    autoStart: true,
    requires: [ISettingRegistry, IFileBrowserFactory, ILabShell],
    activate: (app, registry, browsers, shell) => {
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
        const context = current && current.context;
        aiStudio.postMessage({
          document: current ? current.title.label : '',
          path: context && typeof context.path === 'string' ? context.path : ''
        });
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
