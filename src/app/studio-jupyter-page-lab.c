/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the web page does with the JupyterLab it shows: a file of the home
 * opened in it, the lab taken up again after its worker's restart without a
 * reload, and its documents with changes not saved. */
#include <glib/gi18n.h>

#include "studio-jupyter-page-private.h"

/* Loads a page of the worker's Jupyter, signed in. */
static void
load_route (StudioJupyterPage *self,
            const char        *route,
            const char        *path)
{
  const char *base = studio_worker_get_jupyter_url (self->worker);
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *page = g_strdup_printf ("%s%s%s%s", base, g_str_has_suffix (base, "/") ? "" : "/", route, escaped);
  g_autofree char *uri = studio_worker_dup_browser_url_for (self->worker, page);

  webkit_web_view_load_uri (self->web_view, uri);
}

typedef struct {
  StudioJupyterPage *self;
  char *path;
} Opening;

static void
opened_in_lab_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Opening *opening = user_data;
  g_autoptr(StudioJupyterPage) self = opening->self;
  g_autofree char *path = opening->path;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result,
                                                                                     &error);

  /* Not AI Studio's own JupyterLab (which the page reaches as window.jupyterapp):
   * its tree URL opens the file, at the cost of loading JupyterLab again. A
   * page closed meanwhile has no worker. */
  g_free (opening);
  if ((value == NULL || !jsc_value_to_boolean (value)) && self->worker != NULL)
    load_route (self, "lab/tree/", path);
}

void
_studio_jupyter_page_open_now (StudioJupyterPage *self,
          const char        *path)
{
  if (self->ui == UI_LAB)
    {
      /* In the JupyterLab already loaded: no new page. */
      Opening *opening = g_new (Opening, 1);
      GVariantDict args;

      opening->self = g_object_ref (self);
      opening->path = g_strdup (path);
      g_variant_dict_init (&args, NULL);
      g_variant_dict_insert (&args, "path", "s", path);
      webkit_web_view_call_async_javascript_function (self->web_view,
                                                      /* AI Studio's JupyterLab names itself in its page
                                                       * config, and is the app once its scripts ran. */
                                                      "const config = document.getElementById('jupyter-config-data');\n"
                                                      "if (!config || JSON.parse(config.textContent).appNamespace !== 'ai_studio_lab')\n"
                                                      "  return false;\n"
                                                      "for (let i = 0; i < 300 && !window.jupyterapp; i++)\n"
                                                      "  await new Promise(r => setTimeout(r, 100));\n"
                                                      "const app = window.jupyterapp;\n"
                                                      "if (!app) return false;\n"
                                                      "await app.restored;\n"
                                                      "const item = await app.serviceManager.contents.get(path, { content: false });\n"
                                                      "if (item.type === 'directory') {\n"
                                                      "  await app.commands.execute('filebrowser:go-to-path', { path: '/' + path });\n"
                                                      "  return true;\n"
                                                      "}\n"
                                                      "const widget = await app.commands.execute('docmanager:open', { path });\n"
                                                      "if (widget) {\n"
                                                      "  app.shell.activateById(widget.id);\n"
                                                      /* In front, even where the page has no focus to
                                                       * tell JupyterLab so (a tab not shown yet). */
                                                      "  window.webkit.messageHandlers.aiStudio.postMessage({ document: widget.title.label, path });\n"
                                                      "}\n"
                                                      "return true;",
                                                      -1, g_variant_dict_end (&args), NULL, NULL, NULL,
                                                      opened_in_lab_cb, opening);
    }
  else
    load_route (self, "tree/", path);
}


static gboolean
resume_again (gpointer data)
{
  StudioJupyterPage *self = data;

  self->resume_id = 0;
  _studio_jupyter_page_resume (self);
  return G_SOURCE_REMOVE;
}

static void
resumed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(StudioJupyterPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result,
                                                                                     &error);

  if (value != NULL && jsc_value_to_boolean (value))
    return;
  g_debug ("The Jupyter page did not take up its server again: %s",
             error ? error->message : "not AI Studio's JupyterLab");
  /* A server still settling: again in a while. A reload would lose what
   * the page has not saved, so the page stays as it is after that (its
   * own retries may still reach the server). */
  if (self->worker != NULL && error != NULL && ++self->resume_tries < 5)
    self->resume_id = g_timeout_add_seconds (2, resume_again, self);
}

/* The worker is back (started again): JupyterLab takes up its server where
 * it left it, without a reload that would lose unsaved changes. Sessions
 * the server no longer has are let go, and each notebook or console gets a
 * new one with its own kernel (the notebook's kernelspec), not the one a
 * kernel picker would offer. */
void
_studio_jupyter_page_resume (StudioJupyterPage *self)
{
  if (self->ui != UI_LAB || self->service_url != NULL)
    {
      webkit_web_view_reload (self->web_view);   /* another UI: it has nothing of its own to keep */
      return;
    }
  webkit_web_view_call_async_javascript_function (self->web_view,
                                                  "const app = window.jupyterapp;\n"
                                                  "if (!app) return false;\n"
                                                  JS_ALL
                                                  "const sessions = app.serviceManager.sessions;\n"
                                                  "await sessions.refreshRunning();\n"
                                                  "const running = new Set(all(sessions.running()).map(m => m.id));\n"
                                                  "for (const w of all(app.shell.widgets('main'))) {\n"
                                                  "  const context = w.sessionContext;\n"
                                                  "  if (!context || context.isDisposed) continue;\n"
                                                  "  if (context.session && running.has(context.session.id)) continue;\n"
                                                  "  if (context.session) context.session.dispose();\n"
                                                  "  const meta = w.context && w.context.model && w.context.model.metadata;\n"
                                                  "  const spec = meta && (typeof meta.get === 'function' ? meta.get('kernelspec')\n"
                                                  "                                                       : meta.kernelspec);\n"
                                                  "  const name = (spec && spec.name) || context.kernelPreference.name;\n"
                                                  "  if (name) await context.changeKernel({ name });\n"
                                                  "}\n"
                                                  "return true;",
                                                  -1, NULL, NULL, NULL, NULL, resumed_cb, g_object_ref (self));
}

/* A file of the worker's home, opened in its Jupyter (a notebook in its
 * editor), or a folder, shown in its file browser. */
void
studio_jupyter_page_open_path (StudioJupyterPage *self,
                               const char        *path)
{
  g_return_if_fail (STUDIO_IS_JUPYTER_PAGE (self));
  g_return_if_fail (path != NULL);

  if (self->ui == UI_UNKNOWN || webkit_web_view_is_loading (self->web_view))
    {
      g_free (self->pending_path);
      self->pending_path = g_strdup (path);
    }
  else
    _studio_jupyter_page_open_now (self, path);
}

#define MAX_UNSAVED 20

static void
unsaved_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JSCValue) value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result,
                                                                                     NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  /* What the page says is the worker's: strings only, so many, so long. */
  if (value != NULL && jsc_value_is_array (value))
    {
      g_autoptr(JSCValue) length = jsc_value_object_get_property (value, "length");
      int n = MIN (jsc_value_to_int32 (length), MAX_UNSAVED);

      for (int i = 0; i < n; i++)
        {
          g_autoptr(JSCValue) item = jsc_value_object_get_property_at_index (value, i);
          g_autofree char *text = jsc_value_is_string (item) ? jsc_value_to_string (item) : NULL;

          if (text != NULL && *text != '\0')
            {
              g_autofree char *valid = g_utf8_make_valid (text, MIN (strlen (text), 200));
              g_strv_builder_add (names, valid);
            }
        }
    }
  g_task_return_pointer (task, g_strv_builder_end (names), (GDestroyNotify) g_strfreev);
}

/* The documents open in this tab's JupyterLab with changes not saved yet
 * (their paths), as its own app says (AI Studio's JupyterLab); none for
 * another UI, or a page that does not answer. */
void
studio_jupyter_page_list_unsaved_async (StudioJupyterPage   *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, studio_jupyter_page_list_unsaved_async);
  webkit_web_view_call_async_javascript_function (self->web_view,
                                                  "const app = window.jupyterapp;\n"
                                                  "if (!app) return [];\n"
                                                  JS_ALL
                                                  "return all(app.shell.widgets('main'))\n"
                                                  "  .filter(w => w.context && w.context.model && w.context.model.dirty)\n"
                                                  "  .map(w => String(w.context.path));",
                                                  -1, NULL, NULL, NULL, cancellable, unsaved_cb, task);
}

/**
 * studio_jupyter_page_list_unsaved_finish:
 *
 * Returns: (transfer full): the paths, maybe none
 */
char **
studio_jupyter_page_list_unsaved_finish (StudioJupyterPage  *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

