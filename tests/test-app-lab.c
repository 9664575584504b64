/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Jupyter tab on a default worker: AI Studio's JupyterLab, a notebook
 * that runs, a terminal, the desktop's dark style, files opened in it, the
 * folder drops go to, downloads, and the "Path Not Found" regression. */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <webkit/webkit.h>

#include "aistudio.h"
#include "studio-jupyter-page.h"
#include "studio-image-row.h"
#include "studio-launch-dialog.h"
#include "studio-preferences-window.h"
#include "test-app.h"
#include "test-helpers.h"

static gboolean
arrived (gpointer slot)
{
  return *(GAsyncResult **) slot != NULL;
}

/* A script's call: its result, or, once the caller has given up on it, its
 * own to free. The caller's stack is never written to after it returned (a
 * late answer used to land in a later wait's timeout flag). */
typedef struct {
  GAsyncResult *result;
  gboolean      abandoned;
} JsCall;

static void
js_call_done (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  JsCall *call = data;

  if (call->abandoned)
    {
      g_free (call);
      return;
    }
  call->result = g_object_ref (result);
}

/* The body of an async JavaScript function, run in the page: its result as
 * text, or NULL if the page did not answer in @seconds. */
static char *
js_try (WebKitWebView *view,
        const char    *body,
        guint          seconds)
{
  JsCall *call = g_new0 (JsCall, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;

  webkit_web_view_call_async_javascript_function (view, body, -1, NULL, NULL, NULL, cancellable, js_call_done, call);
  if (!wait_until (arrived, &call->result, seconds))
    {
      /* A page replaced meanwhile may never answer. The call frees itself
       * when it ends (maybe right in the cancel): not touched after it. */
      call->abandoned = TRUE;
      g_cancellable_cancel (cancellable);
      return NULL;
    }
  result = g_steal_pointer (&call->result);
  g_free (call);
  value = webkit_web_view_call_async_javascript_function_finish (view, result, &error);
  if (error != NULL)
    return g_strdup_printf ("error: %s", error->message);
  return jsc_value_to_string (value);
}

static char *js (WebKitWebView *view, const char *body, guint seconds);

/* For the other tests of the window (test-app.h): NULL when the page did
 * not answer in time (it may have been replaced meanwhile), for the caller
 * to ask again. */
char *
test_js (WebKitWebView *view,
         const char    *body,
         guint          seconds)
{
  return js_try (view, body, seconds);
}

static char *
js (WebKitWebView *view,
    const char    *body,
    guint          seconds)
{
  char *answer = js_try (view, body, seconds);

  if (answer == NULL)
    g_error ("the page did not answer in %u s: %s", seconds, body);
  return answer;
}

typedef struct { WebKitWebView *view; const char *body; } Check;

static gboolean
js_true (gpointer data)
{
  Check *check = data;
  g_autofree char *answer = js_try (check->view, check->body, 5);

  return g_strcmp0 (answer, "true") == 0;
}

/* Until the page's script returns true, polling, at most @seconds. */
static gboolean
wait_js (WebKitWebView *view,
         const char    *body,
         guint          seconds)
{
  Check check = { view, body };

  return wait_until (js_true, &check, seconds);
}

static const char lab_ready[] =
  "return !!(window.jupyterapp && document.querySelector('#jp-main-dock-panel') &&"
  "          document.body.dataset.jpThemeName);";

static gboolean
page_replaced (gpointer data)
{
  g_autofree char *answer = js_try (data, "return !window.leaving;", 5);

  return g_strcmp0 (answer, "true") == 0;
}

/* Loads @uri, and waits until the page shown is no longer the one before. */
static void
leave_page (WebKitWebView *view,
            const char    *uri)
{
  g_free (js (view, "window.leaving = true; return true;", 10));
  webkit_web_view_load_uri (view, uri);
  g_assert_true (wait_until (page_replaced, view, 60));
}

static gboolean
title_is (gpointer data)
{
  g_autofree char *title = NULL;

  g_object_get (data, "title", &title, NULL);
  return g_strcmp0 (title, g_object_get_data (data, "want")) == 0;
}

static gboolean
folder_is (gpointer data)
{
  StudioJupyterPage *jupyter = data;
  g_autofree char *folder = studio_jupyter_page_dup_folder (jupyter);

  return g_strcmp0 (folder, g_object_get_data (G_OBJECT (jupyter), "want")) == 0;
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

void
test_jupyterlab (StudioWorker *worker)
{
  AdwTabView *tabs = studio_window_get_tab_view (window);
  StudioRegion *region = studio_workers_page_get_region (page ());
  StudioJupyterPage *jupyter;
  WebKitWebView *view;
  g_autofree char *answer = NULL;
  g_autofree char *lab = g_strdup_printf ("%slab", studio_worker_get_jupyter_url (worker));

  g_assert_true (studio_workers_page_select_worker (page (), worker));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.jupyter", NULL));
  jupyter = STUDIO_JUPYTER_PAGE (adw_tab_page_get_child (adw_tab_view_get_selected_page (tabs)));
  view = studio_jupyter_page_get_web_view (jupyter);

  /* The worker's server opens at JupyterLab: the launcher, in the light
   * style of the desktop. */
  g_assert_true (wait_js (view, lab_ready, 60));
  g_assert_nonnull (strstr (webkit_web_view_get_uri (view), "/lab"));
  /* Signed in with the token, which the address then forgets: not in the
   * page's address, nor in the title JupyterLab makes of it. */
  g_assert_null (strstr (webkit_web_view_get_uri (view), "token"));
  g_assert_null (strstr (webkit_web_view_get_title (view), "token"));
  g_assert_true (wait_js (view, "await jupyterapp.restored; return !!document.querySelector('.jp-Launcher');", 30));
  answer = js (view, "return document.body.dataset.jpThemeName;", 10);
  g_assert_cmpstr (answer, ==, "JupyterLab Light");
  g_clear_pointer (&answer, g_free);
  screenshot ("06a-jupyterlab");

  /* A notebook runs a cell in its kernel. */
  answer = js (view,
               "const app = window.jupyterapp;\n"
               "const nb = await app.commands.execute('notebook:create-new', { kernelName: 'python3' });\n"
               "await nb.context.ready;\n"
               "await nb.sessionContext.ready;\n"
               "nb.content.activeCell.model.value.text = 'print(6 * 7)';\n"
               "await app.commands.execute('notebook:run-cell');\n"
               "for (let i = 0; i < 300; i++) {\n"
               "  const outputs = nb.content.widgets[0].outputArea.model.toJSON();\n"
               "  if (outputs.length) return outputs.map(o => o.text).join('');\n"
               "  await new Promise(r => setTimeout(r, 100));\n"
               "}\n"
               "return 'no output';", 60);
  g_assert_cmpstr (answer, ==, "42\n");
  g_clear_pointer (&answer, g_free);
  screenshot ("06b-jupyterlab-notebook");

  /* JupyterLab's own download of it goes where the user says. */
  if (file_chooser_allowed ())
  {
    g_autofree char *path = g_build_filename (g_get_home_dir (), "chosen-Untitled.ipynb", NULL);

    g_unlink (path);
    g_free (js (view, "await jupyterapp.commands.execute('docmanager:download'); return true;", 30));
    save_download_as (path);
    g_assert_true (wait_until (file_exists, path, 20));
  }

  /* A terminal of JupyterLab: a shell in the home, with sudo. */
  answer = js (view,
               "const app = window.jupyterapp;\n"
               "const term = await app.commands.execute('terminal:create-new');\n"
               "const text = () => {\n"
               "  const buffer = term.content._term.buffer.active; let all = '';\n"
               "  for (let i = 0; i < buffer.length; i++) all += buffer.getLine(i).translateToString(true) + '\\n';\n"
               "  return all;\n"
               "};\n"
               "for (let i = 0; i < 200 && !/\\$ *$/m.test(text()); i++) await new Promise(r => setTimeout(r, 100));\n"
               "term.content.session.send({ type: 'stdin', content: ['sudo -n true && echo lab-$((6*7)); pwd\\r'] });\n"
               "for (let i = 0; i < 200 && !text().includes('lab-42\\n'); i++) await new Promise(r => setTimeout(r, 100));\n"
               "return text();", 60);
  g_assert_nonnull (strstr (answer, "\nlab-42\n/home/studio\n"));
  g_clear_pointer (&answer, g_free);
  screenshot ("06c-jupyterlab-terminal");

  /* The desktop's dark style darkens JupyterLab, and back. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (wait_js (view, "return document.body.dataset.jpThemeName === 'JupyterLab Dark';", 20));
  screenshot ("06d-jupyterlab-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_assert_true (wait_js (view, "return document.body.dataset.jpThemeName === 'JupyterLab Light';", 20));

  /* A file of the home opens in the JupyterLab already there. */
  g_free (js (view, "jupyterapp.shell.closeAll(); return true;", 10));
  studio_window_open_jupyter_path (window, region, worker, "Untitled.ipynb");
  g_assert_true (wait_js (view, "const w = jupyterapp.shell.currentWidget;"
                                "return !!(w && w.context && w.context.path === 'Untitled.ipynb');", 30));
  g_assert_nonnull (strstr (webkit_web_view_get_uri (view), "/lab"));
  /* The tab names it. */
  {
    g_autofree char *want = g_strdup_printf ("%s · Untitled.ipynb", studio_worker_get_name (worker));

    g_object_set_data (G_OBJECT (jupyter), "want", want);
    g_assert_true (wait_until (title_is, jupyter, 10));
  }

  /* Files dropped on the tab go to the folder its file browser shows. */
  g_free (js (view, "await jupyterapp.commands.execute('filebrowser:go-to-path', { path: '/my' }); return true;", 20));
  g_object_set_data (G_OBJECT (jupyter), "want", (gpointer) "my");
  g_assert_true (wait_until (folder_is, jupyter, 10));

  /* An unknown page of JupyterLab says "Path Not Found"; JupyterLab's server
   * used to say it on every later page too, until it restarted. */
  {
    g_autofree char *bad = g_strdup_printf ("%s/no-such-page", lab);

    /* Saved, so that leaving the page asks nothing. */
    answer = js (view, "const widgets = jupyterapp.shell.widgets('main'); let w;"   /* a Lumino 1 iterator */
                       "while ((w = widgets.next())) if (w.context) await w.context.save();"
                       "return !jupyterapp.status.isDirty;", 30);
    g_assert_cmpstr (answer, ==, "true");
    g_clear_pointer (&answer, g_free);
    leave_page (view, bad);
    if (!wait_js (view, "const d = document.querySelector('.jp-Dialog');"
                        "return !!(d && d.textContent.includes('Path Not Found'));", 60))
      {
        g_autofree char *page = js_try (view, "return location.href + ' | ' + document.title + ' | ' + "
                                              "document.body.innerText.slice(0, 300);", 5);
        screenshot ("06e-not-found");
        g_error ("no Path Not Found: uri %s, loading %d, page %s", webkit_web_view_get_uri (view),
                 webkit_web_view_is_loading (view), page);
      }
    leave_page (view, lab);
    g_assert_true (wait_js (view, lab_ready, 60));
    answer = js (view, "await jupyterapp.restored;"
                       "const config = JSON.parse(document.getElementById('jupyter-config-data').textContent);"
                       "return ('notFoundUrl' in config) + ' ' + !!document.querySelector('.jp-Dialog');", 30);
    g_assert_cmpstr (answer, ==, "false false");
    g_clear_pointer (&answer, g_free);
  }

  /* A page opened on a dark desktop, its settings still saying Light, loads
   * JupyterLab Dark and never the light theme's stylesheet before it. */
  leave_page (view, "about:blank");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  leave_page (view, lab);
  g_assert_true (wait_js (view, lab_ready, 60));
  g_assert_true (wait_js (view, "await jupyterapp.restored; return true;", 30));
  answer = js (view,
               "const light = performance.getEntriesByType('resource')"
               "  .filter(e => e.name.includes('theme-light-extension')).length;"
               "return document.body.dataset.jpThemeName + ', light stylesheets: ' + light;", 10);
  g_assert_cmpstr (answer, ==, "JupyterLab Dark, light stylesheets: 0");
  screenshot ("06f-jupyterlab-opened-dark");
  g_clear_pointer (&answer, g_free);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_assert_true (wait_js (view, "return document.body.dataset.jpThemeName === 'JupyterLab Light';", 20));
}

/* ---- one of AI Studio's images, missing: built from the launch dialog ---- */

static gboolean
widget_visible (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}

static gboolean
subtitle_has (gpointer row)
{
  const char *subtitle = adw_action_row_get_subtitle (row);

  return subtitle != NULL && strstr (subtitle, g_object_get_data (G_OBJECT (row), "needle")) != NULL;
}

static gboolean
wait_subtitle (AdwActionRow *row,
               const char   *needle,
               guint         seconds)
{
  g_object_set_data_full (G_OBJECT (row), "needle", g_strdup (needle), g_free);
  return wait_until (subtitle_has, row, seconds);
}

/* Whether a process of the image build runs (mmdebstrap, from Debian). */
static gboolean
no_build_running (gpointer data)
{
  g_autofree char *pids = NULL;   /* kept out of the test's TAP output */
  int status = 0;

  g_spawn_command_line_sync ("pgrep -f '^[^ ]*perl.*mmdebstrap'", &pids, NULL, &status, NULL);
  return !g_spawn_check_wait_status (status, NULL);
}

static GtkWidget *
child (GtkWidget  *dialog,
       const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (dialog, STUDIO_TYPE_LAUNCH_DIALOG, name));
}

void
test_image_build (void)
{
  GtkWidget *dialog, *row, *progress, *button, *list;
  StudioImageRow *images;
  guint described = 0;

  g_assert_true (wait_until (page_loaded, NULL, 30));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.launch", NULL));
  settle (300);
  dialog = find_toplevel (STUDIO_TYPE_LAUNCH_DIALOG);
  g_assert_nonnull (dialog);
  row = child (dialog, "image_build_row");
  progress = child (dialog, "image_build_progress");
  button = child (dialog, "image_build_button");
  images = STUDIO_IMAGE_ROW (child (dialog, "image_row"));

  /* The known images, each with what it is for and, asked of this engine
   * that has none of them, what a launch of it does first. */
  studio_image_row_popup (images);
  list = GTK_WIDGET (studio_image_row_get_list (images));
  g_assert_true (wait_until (image_menu_described, list, 10));
  for (GtkWidget *r = gtk_widget_get_first_child (list); r != NULL; r = gtk_widget_get_next_sibling (r))
    if (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (r)), "Not on This Computer yet: to be built there once"))
      described++;
  g_assert_cmpuint (described, >=, 2);
  screenshot ("30-image-menu");
  studio_image_row_popdown (images);

  /* This engine lacks the default image: the dialog offers to build it. */
  g_assert_true (wait_until (widget_visible, row, 10));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "a few minutes"));
  screenshot ("31-image-not-built");

  /* Build: the real build, its steps and progress, then Cancel stops it all. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (gtk_widget_get_visible (progress));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "image_row")));
  g_assert_true (wait_subtitle (ADW_ACTION_ROW (row), "Installing Debian", 120));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (progress)), >=, 0.15);
  screenshot ("32-image-building");
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (wait_subtitle (ADW_ACTION_ROW (row), "cancelled", 30));
  g_assert_false (gtk_widget_get_visible (progress));
  g_assert_true (wait_until (no_build_running, NULL, 30));
  g_assert_true (studio_launch_dialog_can_launch (STUDIO_LAUNCH_DIALOG (dialog)));

  /* Launch with the image missing builds it first, then launches; closing
   * the dialog stops that build too. */
  g_assert_true (gtk_widget_activate_action (dialog, "launch.launch", NULL));
  g_assert_true (wait_subtitle (ADW_ACTION_ROW (row), "Then the worker launches", 20));
  g_assert_true (wait_subtitle (ADW_ACTION_ROW (row), "Installing Debian", 120));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_until (no_build_running, NULL, 30));
}

/* ---- the data-science image: its two kernels, each with its libraries ---- */

void
test_data_science_lab (void)
{
  StudioRegion *local = studio_workers_page_get_region (page ());
  g_autoptr(StudioLaunchOptions) options = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioWorker) worker = NULL;
  g_autofree char *name = test_worker_name ("ui-ds");
  g_autofree char *answer = NULL;
  AdwTabView *tabs = studio_window_get_tab_view (window);
  WebKitWebView *view;
  /* A notebook in a kernel, a cell that shows what the kernel loaded. */
  static const char run_in[] =
    "const app = window.jupyterapp;\n"
    "const nb = await app.commands.execute('notebook:create-new', { kernelName: kernel });\n"
    "await nb.context.ready;\n"
    "await nb.sessionContext.ready;\n"
    "nb.content.activeCell.model.value.text = code;\n"
    "await app.commands.execute('notebook:run-cell');\n"
    "for (let i = 0; i < 600; i++) {\n"
    "  const outputs = nb.content.widgets[0].outputArea.model.toJSON();\n"
    "  if (outputs.length) return outputs.map(o => o.text || o.ename + ': ' + o.evalue).join('');\n"
    "  await new Promise(r => setTimeout(r, 100));\n"
    "}\n"
    "return 'no output';";
  struct { const char *kernel, *code, *want; } cells[] = {
    { "ml", "print(type(np.zeros(1)).__name__, pd.__name__, sklearn.__name__, xgb.__name__)",
      "ndarray pandas sklearn xgboost\n" },
    { "big-data", "print(dd.from_pandas(pd.DataFrame({'x': range(10)}), npartitions=2).x.sum().compute(), "
                  "Client.__name__)", "45 Client\n" },
  };

  options = studio_launch_options_new_full (name, "x-small", STUDIO_DATA_SCIENCE_IMAGE, NULL, -1, NULL);
  worker = g_object_ref (studio_region_launch_async (local, options, NULL, store_result, &result));
  g_assert_nonnull (studio_region_launch_finish (local, wait_result (&result), &error));
  g_assert_no_error (error);
  view = studio_jupyter_page_get_web_view (STUDIO_JUPYTER_PAGE (studio_window_open_jupyter (window, local, worker)));

  /* The launcher offers both kernels, named for what they are for and saying
   * what each has imported; the plain Python 3 kernel, which imports
   * nothing, is not among them (notebooks saved with it still open on it). */
  g_assert_true (wait_js (view, lab_ready, 60));
  g_assert_true (wait_js (view, "await jupyterapp.restored;"
                                "const cards = [...document.querySelectorAll('.jp-LauncherCard')].map(c => c.title);"
                                "return cards.includes('Python 3 (ML)') && cards.includes('Python 3 (Big Data)');", 30));
  g_assert_true (wait_js (view, "const cards = [...document.querySelectorAll('.jp-LauncherCard')];"
                                "const said = t => getComputedStyle(cards.find(c => c.title === t)"
                                "  .querySelector('.jp-LauncherCard-label'), '::after').content;"
                                "return !cards.some(c => c.title.startsWith('Python 3 (ipykernel)')) &&"
                                "  said('Python 3 (ML)').includes('scikit-learn') &&"
                                "  said('Python 3 (Big Data)').includes('Dask') &&"
                                "  'python3' in jupyterapp.serviceManager.kernelspecs.specs.kernelspecs;", 10));
  screenshot ("07a-data-science-launcher");

  /* A cell in each runs with what that kernel is for already imported. */
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      GVariantDict args;
      g_autoptr(GAsyncResult) ran = NULL;
      g_autoptr(JSCValue) value = NULL;
      g_autofree char *text = NULL;

      g_variant_dict_init (&args, NULL);
      g_variant_dict_insert (&args, "kernel", "s", cells[i].kernel);
      g_variant_dict_insert (&args, "code", "s", cells[i].code);
      webkit_web_view_call_async_javascript_function (view, run_in, -1, g_variant_dict_end (&args), NULL, NULL, NULL,
                                                      store_result, &ran);
      g_assert_true (wait_until (arrived, &ran, 90));
      value = webkit_web_view_call_async_javascript_function_finish (view, ran, &error);
      g_assert_no_error (error);
      text = jsc_value_to_string (value);
      g_assert_cmpstr (text, ==, cells[i].want);
    }
  screenshot ("07b-data-science-kernels");

  adw_tab_view_close_page (tabs, adw_tab_view_get_selected_page (tabs));
  g_clear_object (&result);
  studio_region_terminate_async (local, worker, NULL, store_result, &result);
  g_assert_true (studio_region_terminate_finish (local, wait_result (&result), NULL));
}

/* Preferences pick the default image with the picker Launch and Run Task
 * have: each known image described, and one chosen from the menu is the
 * default at once, with no Apply to press. */
void
test_preferences_image (void)
{
  GSettings *settings = studio_application_get_settings (app);
  g_autofree char *before = g_settings_get_string (settings, "default-image");
  g_autofree char *after = NULL;
  GtkWidget *prefs;
  StudioImageRow *images;
  GtkListBox *list;
  GtkWidget *chosen = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  settle (300);
  prefs = find_toplevel (STUDIO_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  images = find_descendant (prefs, STUDIO_TYPE_IMAGE_ROW);
  g_assert_nonnull (images);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (images)), ==, before);
  settle (300);
  screenshot ("05a-preferences");
  studio_image_row_popup (images);
  list = studio_image_row_get_list (images);
  g_assert_true (wait_until (image_menu_described, list, 10));
  screenshot ("05b-preferences-images");
  for (GtkWidget *r = gtk_widget_get_first_child (GTK_WIDGET (list)); r; r = gtk_widget_get_next_sibling (r))
    if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (r)), STUDIO_DATA_SCIENCE_IMAGE))
      chosen = r;
  g_assert_nonnull (chosen);
  g_signal_emit_by_name (list, "row-activated", chosen);
  after = g_settings_get_string (settings, "default-image");
  g_assert_cmpstr (after, ==, STUDIO_DATA_SCIENCE_IMAGE);
  g_settings_set_string (settings, "default-image", before);
  gtk_window_destroy (GTK_WINDOW (prefs));
}
