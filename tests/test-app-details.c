/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The selected worker's details: what runs on it (a notebook's kernel),
 * shut down from there, its CPU and memory graphs filling in; files in and
 * out as the window's transfers, from the details and the Jupyter tab. */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "studio-jupyter-page.h"
#include "studio-terminal-page.h"
#include "studio-jupyter-private.h"
#include "studio-transfers.h"
#include "studio-worker-details.h"
#include "studio-worker-state-page.h"
#include "studio-workers-page.h"
#include "test-app.h"
#include "test-helpers.h"

static StudioWorkerDetails *
details (void)
{
  GtkWidget *w = GTK_WIDGET (page ());

  /* The page's one StudioWorkerDetails. */
  for (GtkWidget *child = gtk_widget_get_first_child (w); child != NULL;)
    {
      if (STUDIO_IS_WORKER_DETAILS (child))
        return STUDIO_WORKER_DETAILS (child);
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != NULL && gtk_widget_get_next_sibling (child) == NULL && child != w)
            child = gtk_widget_get_parent (child);
          child = child && child != w ? gtk_widget_get_next_sibling (child) : NULL;
        }
    }
  return NULL;
}

static gboolean
row_titled (gpointer data)
{
  GtkListBox *list = studio_worker_details_get_list (details ());

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), data) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
row_gone (gpointer data)
{
  return !row_titled (data);
}

static gboolean
graphs_filled (gpointer data)
{
  return studio_worker_details_get_n_samples (details ()) >= 3;
}

static gboolean
on_worker (gpointer data)
{
  StudioJupyter *jupyter = g_object_get_data (data, "jupyter");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;

  studio_jupyter_get_contents_async (jupyter, g_object_get_data (data, "path"), NULL, store_result, &result);
  node = studio_jupyter_call_finish (jupyter, wait_result (&result), NULL);
  return node != NULL;
}

/* The file is there whole (it is written in place as it comes). */
static gboolean
file_here (gpointer data)
{
  g_autofree char *text = NULL;

  return g_file_get_contents (data, &text, NULL, NULL) && g_str_equal (text, "a,b\n1,2\n");
}

/* As a click on one of its buttons: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

/* Whether the server says kernel "kernel" of Jupyter client @data is in "state". */
static gboolean
kernel_in_state (gpointer data)
{
  g_autofree char *path = g_strdup_printf ("api/kernels/%s", (char *) g_object_get_data (data, "kernel"));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;

  studio_jupyter_call_async (data, "GET", path, NULL, NULL, store_result, &result);
  node = studio_jupyter_call_finish (data, wait_result (&result), NULL);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
         g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node), "execution_state", ""),
                    g_object_get_data (data, "state")) == 0;
}

/* Runs nothing in kernel "kernel" of Jupyter client @data; whether the
 * server says it is idle (it has seen a run: it watches the kernel). */
static gboolean
kernel_idle_after_a_run (gpointer data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *id = NULL;

  g_object_set_data (data, "state", (gpointer) "idle");
  studio_jupyter_start_code_async (data, g_object_get_data (data, "kernel"), "pass\n", NULL, store_result, &result);
  id = studio_jupyter_start_code_finish (data, wait_result (&result), NULL);
  settle (200);
  return id != NULL && kernel_in_state (data);
}

/* Whether the worker's Jupyter server offers kernel "own-kernel". */
static gboolean
own_kernel_listed (gpointer data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;

  studio_jupyter_call_async (data, "GET", "api/kernelspecs", NULL, NULL, store_result, &result);
  node = studio_jupyter_call_finish (data, wait_result (&result), NULL);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
         json_object_has_member (json_node_get_object (node), "kernelspecs") &&
         json_object_has_member (json_object_get_object_member (json_node_get_object (node), "kernelspecs"),
                                 "own-kernel");
}

static gboolean
tab_shows_work (gpointer data)
{
  return !tab_shows_state (data);
}

static gboolean
worker_in_state (gpointer data)
{
  return (int) studio_worker_get_state (data) == GPOINTER_TO_INT (g_object_get_data (data, "want-state"));
}

static gboolean
terminal_connected (gpointer data)
{
  return studio_terminal_page_get_connected (data);
}

static gboolean
document_path_known (gpointer data)
{
  const char *path = studio_jupyter_page_get_document_path (data);

  return path != NULL && *path != '\0';
}

static gboolean
tabs_restored (gpointer data)
{
  return adw_tab_view_get_n_pages (data) == GPOINTER_TO_INT (g_object_get_data (data, "want"));
}

/* No tab of the view says it is still loading (a tab never shown too). */
static gboolean
no_tab_loading (gpointer data)
{
  for (int i = 0; i < adw_tab_view_get_n_pages (data); i++)
    if (adw_tab_page_get_loading (adw_tab_view_get_nth_page (data, i)))
      return FALSE;
  return TRUE;
}

static gboolean
worker_gone (gpointer data)
{
  StudioRegion *local = studio_application_find_region (app, "local");

  return studio_region_find_worker (local, studio_worker_get_name (data)) == NULL;
}

static GtkWidget *
button_labelled (GtkWidget  *root,
                 const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = button_labelled (child, label)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
no_message_dialog (gpointer data)
{
  return find_message_dialog () == NULL;
}

static gboolean
not_on_worker (gpointer data)
{
  return !on_worker (data);
}

static gboolean
transfer_moving (gpointer data)
{
  StudioTransfers *transfers = studio_window_get_transfers (window);

  return studio_transfers_get_n_running (transfers) == 1 && studio_transfers_get_fraction (transfers) > 0;
}

static gboolean
transfers_done (gpointer data)
{
  return studio_transfers_get_n_running (studio_window_get_transfers (window)) == 0;
}

static gboolean
page_in_folder (gpointer data)
{
  g_autofree char *folder = studio_jupyter_page_dup_folder (data);

  return !webkit_web_view_is_loading (studio_jupyter_page_get_web_view (data)) && g_str_equal (folder, "dataset");
}

/* The first widget under root that is a type (depth first), else NULL. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (label == NULL || g_strcmp0 (gtk_widget_get_tooltip_text (child), label) == 0))
        return child;
      if ((found = find_widget (child, type, label)) != NULL)
        return found;
    }
  return NULL;
}

/* Files dropped on a page, as GTK hands them to its drop target. */
static gboolean
drop_files (GtkWidget *widget,
            GSList    *files)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &handled);
    }
  return handled;
}

void
test_worker_details (void)
{
  StudioRegion *local = studio_application_find_region (app, "local");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioWorker) worker = NULL;
  g_autoptr(StudioJupyter) jupyter = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"path\": \"analysis.ipynb\", \"name\": \"analysis.ipynb\", "
                                               "\"type\": \"notebook\", \"kernel\": {\"name\": \"python3\"}}", NULL);
  g_autoptr(JsonNode) session = NULL;
  g_autofree char *name = test_worker_name ("ui-details");
  const char *kernel;

  worker = launch_and_select (name);
  g_assert_nonnull (details ());

  /* A notebook's kernel, as a notebook tab starts it. */
  jupyter = studio_region_open_jupyter (local, worker);
  g_clear_object (&result);
  studio_jupyter_call_async (jupyter, "POST", "api/sessions", body, NULL, store_result, &result);
  session = studio_jupyter_call_finish (jupyter, wait_result (&result), &error);
  g_assert_no_error (error);
  kernel = json_object_get_string_member (json_object_get_object_member (json_node_get_object (session), "kernel"), "id");

  g_assert_true (wait_until (row_titled, (gpointer) "analysis.ipynb", 20));
  g_assert_true (wait_until (graphs_filled, NULL, 30));
  /* Memory in the unit the launch dialog uses: GiB, MiB (not GB, MB). */
  {
    const char *memory = label_with (GTK_WIDGET (details ()), "Memory ");

    g_assert_nonnull (memory);
    g_assert_nonnull (strstr (memory, "iB of "));
    g_assert_true (g_str_has_suffix (memory, "GiB") || g_str_has_suffix (memory, "MiB"));
  }
  screenshot ("17-worker-details");

  /* Restarting or shutting down a notebook's kernel asks first, naming the notebook. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details ()), "details.restart", "s", kernel));
  g_assert_true (wait_until (message_dialog_shown, NULL, 5));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (find_message_dialog ()), "analysis.ipynb"));
  screenshot ("18-restart-kernel-asks");
  respond (find_message_dialog (), "cancel");
  g_assert_true (wait_until (no_message_dialog, NULL, 5));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details ()), "details.interrupt", "s", kernel));
  g_assert_false (message_dialog_shown (NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details ()), "details.shut-down", "s", kernel));
  g_assert_true (wait_until (message_dialog_shown, NULL, 5));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (find_message_dialog ()), "analysis.ipynb loses its state"));
  respond (find_message_dialog (), "go");
  g_assert_true (wait_until (row_gone, (gpointer) "analysis.ipynb", 20));
  g_assert_false (message_dialog_shown (NULL));   /* no error */
  screenshot ("18-worker-details-shut-down");

  /* Files dropped on the worker go to its home; a path comes back. */
  {
    g_autofree char *dir = g_build_filename (g_getenv ("AI_STUDIO_TEST_DIR"), "ui-drop", NULL);
    g_autofree char *nested = g_build_filename (dir, "dataset", "part", NULL);
    g_autofree char *file = g_build_filename (dir, "notes.txt", NULL);
    g_autofree char *inner = g_build_filename (nested, "rows.csv", NULL);
    g_autofree char *back = g_build_filename (dir, "back", NULL);
    g_autofree char *back_file = g_build_filename (back, "rows.csv", NULL);
    g_autoptr(GFile) folder = NULL;
    g_autoptr(GFile) single = NULL;
    g_autoptr(GFile) destination = NULL;
    g_autoptr(GObject) probe = g_object_new (G_TYPE_OBJECT, NULL);
    GSList *files = NULL;

    g_mkdir_with_parents (nested, 0755);
    g_mkdir_with_parents (back, 0755);
    g_assert_true (g_file_set_contents (file, "dropped\n", -1, NULL));
    g_assert_true (g_file_set_contents (inner, "a,b\n1,2\n", -1, NULL));
    single = g_file_new_for_path (file);
    folder = g_file_new_build_filename (dir, "dataset", NULL);
    files = g_slist_append (g_slist_append (NULL, single), folder);
    studio_worker_details_upload (details (), files);
    g_slist_free (files);
    g_object_set_data (probe, "jupyter", jupyter);
    g_object_set_data (probe, "path", (gpointer) "dataset/part/rows.csv");
    g_assert_true (wait_until (on_worker, probe, 20));
    g_object_set_data (probe, "path", (gpointer) "notes.txt");
    g_assert_true (wait_until (on_worker, probe, 20));
    screenshot ("19-worker-details-uploaded");

    destination = g_file_new_for_path (back_file);
    studio_worker_details_download (details (), "dataset/part/rows.csv", destination);
    g_assert_true (wait_until (file_here, back_file, 20));
    g_assert_true (wait_until (transfers_done, NULL, 5));
  }

  /* A large upload shows its progress in the header bar; Cancel stops it,
   * and leaves no half file on the worker. */
  {
    g_autofree char *big = g_build_filename (g_getenv ("AI_STUDIO_TEST_DIR"), "ui-drop", "big.bin", NULL);
    g_autoptr(GFile) big_file = g_file_new_for_path (big);
    g_autoptr(GObject) probe = g_object_new (G_TYPE_OBJECT, NULL);
    StudioTransfers *transfers = studio_window_get_transfers (window);
    GtkWidget *button = adw_bin_get_child (ADW_BIN (transfers));
    GtkWidget *cancel;
    GSList *files = g_slist_append (NULL, big_file);
    int fd = g_open (big, O_CREAT | O_WRONLY | O_TRUNC, 0644);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, (off_t) 1024 * 1024 * 1024), ==, 0);   /* sparse: no disk here */
    close (fd);
    studio_worker_details_upload (details (), files);
    g_slist_free (files);
    g_assert_true (wait_until (transfer_moving, NULL, 20));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (transfers)));
    screenshot ("20-transfer-button");
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    settle (200);
    screenshot ("20-transfer-in-progress");
    cancel = find_widget (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))), GTK_TYPE_BUTTON,
                          "Cancel");
    g_assert_nonnull (cancel);
    g_signal_emit_by_name (cancel, "clicked");
    g_assert_true (wait_until (transfers_done, NULL, 10));
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (transfers)));
    g_object_set_data (probe, "jupyter", jupyter);
    g_object_set_data (probe, "path", (gpointer) "big.bin");
    g_assert_true (wait_until (not_on_worker, probe, 10));
    g_unlink (big);
  }

  /* Files dropped on the worker's Jupyter tab go to the folder it shows. */
  {
    g_autofree char *file = g_build_filename (g_getenv ("AI_STUDIO_TEST_DIR"), "ui-drop", "onto-tab.txt", NULL);
    g_autoptr(GFile) single = g_file_new_for_path (file);
    g_autoptr(GObject) probe = g_object_new (G_TYPE_OBJECT, NULL);
    GSList *files = g_slist_append (NULL, single);
    GtkWidget *tab = studio_window_open_jupyter_path (window, local, worker, "dataset");

    g_assert_true (g_file_set_contents (file, "onto the tab\n", -1, NULL));
    g_assert_true (wait_until (page_in_folder, tab, 30));
    g_assert_true (drop_files (tab, files));
    g_slist_free (files);
    g_object_set_data (probe, "jupyter", jupyter);
    g_object_set_data (probe, "path", (gpointer) "dataset/onto-tab.txt");
    g_assert_true (wait_until (on_worker, probe, 20));
    g_assert_true (wait_until (transfers_done, NULL, 5));
    adw_tab_view_close_page (studio_window_get_tab_view (window),
                             adw_tab_view_get_page (studio_window_get_tab_view (window), tab));
  }

  /* Stop asks first while a kernel runs code (stopping ends that run), and
   * Cancel keeps the worker as it is. */
  {
    g_autofree char *busy_kernel = NULL;
    g_autofree char *kernel_path = NULL;
    g_autoptr(JsonNode) deleted = NULL;
    g_autoptr(JsonNode) started = NULL;
    AdwMessageDialog *question;

    /* A kernel the server watches already (it misses the first messages of
     * one it has just started, under load: it is idle once it has seen one
     * run), then code that keeps it busy. */
    g_clear_object (&result);
    studio_jupyter_call_async (jupyter, "POST", "api/kernels", NULL, NULL, store_result, &result);
    started = studio_jupyter_call_finish (jupyter, wait_result (&result), &error);
    g_assert_no_error (error);
    g_object_set_data (G_OBJECT (jupyter), "kernel",
                       (gpointer) json_object_get_string_member (json_node_get_object (started), "id"));
    g_assert_true (wait_until (kernel_idle_after_a_run, jupyter, 60));
    /* Busy as the server says it; the code sent again if the server did not
     * see it start (under the sanitizers its first run was once not seen
     * for 20 s). */
    g_object_set_data (G_OBJECT (jupyter), "state", (gpointer) "busy");
    for (int attempt = 0; attempt < 3 && !kernel_in_state (jupyter); attempt++)
      {
        g_clear_object (&result);
        g_clear_pointer (&busy_kernel, g_free);
        studio_jupyter_start_code_async (jupyter, g_object_get_data (G_OBJECT (jupyter), "kernel"),
                                         "import time\ntime.sleep(120)\n", NULL, store_result, &result);
        busy_kernel = studio_jupyter_start_code_finish (jupyter, wait_result (&result), &error);
        g_assert_no_error (error);
        if (wait_until (kernel_in_state, jupyter, 20))
          break;
      }
    g_assert_true (kernel_in_state (jupyter));
    studio_window_show_view (window, "workers");
    g_assert_true (studio_workers_page_select_worker (page (), worker));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.stop", NULL));
    g_assert_true (wait_until (message_dialog_shown, NULL, 10));
    question = find_message_dialog ();
    g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "Code is still running in a Python 3"));
    screenshot ("18b-stop-asks-while-code-runs");
    respond (question, "cancel");
    g_assert_true (wait_until (no_message_dialog, NULL, 5));
    settle (500);
    g_assert_cmpint (studio_worker_get_state (worker), ==, STUDIO_WORKER_STATE_READY);
    kernel_path = g_strdup_printf ("api/kernels/%s", busy_kernel);
    g_clear_object (&result);
    studio_jupyter_call_async (jupyter, "DELETE", kernel_path, NULL, NULL, store_result, &result);
    deleted = studio_jupyter_call_finish (jupyter, wait_result (&result), NULL);
  }

  /* Stop asks first too while a document in the worker's Jupyter tab has
   * changes not saved, and names it. The notebook's kernel is one of the
   * worker's own making (not the one a kernel picker offers first). */
  {
    g_autoptr(JsonNode) started = NULL;
    g_autoptr(JsonNode) deleted = NULL;
    g_autofree char *kernel_path = NULL;
    g_autofree char *install = NULL;
    GtkWidget *tab;
    WebKitWebView *view;
    g_autofree char *dirty = NULL;
    g_autofree char *back = NULL;
    g_autofree char *script = NULL;
    AdwMessageDialog *question;
    GtkWidget *start;

    g_clear_object (&result);
    studio_jupyter_call_async (jupyter, "POST", "api/kernels", NULL, NULL, store_result, &result);
    started = studio_jupyter_call_finish (jupyter, wait_result (&result), &error);
    g_assert_no_error (error);
    g_object_set_data_full (G_OBJECT (jupyter), "kernel",
                            g_strdup (json_object_get_string_member (json_node_get_object (started), "id")), g_free);
    g_assert_true (wait_until (kernel_idle_after_a_run, jupyter, 60));
    g_clear_object (&result);
    studio_jupyter_start_code_async (jupyter, g_object_get_data (G_OBJECT (jupyter), "kernel"),
                                     "import subprocess, sys\n"
                                     "subprocess.run([sys.executable, '-m', 'ipykernel', 'install', '--user',\n"
                                     "                '--name', 'own-kernel', '--display-name', 'Own Kernel'], check=True)\n",
                                     NULL, store_result, &result);
    install = studio_jupyter_start_code_finish (jupyter, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_true (wait_until (own_kernel_listed, jupyter, 30));
    kernel_path = g_strdup_printf ("api/kernels/%s", (char *) g_object_get_data (G_OBJECT (jupyter), "kernel"));
    g_clear_object (&result);
    studio_jupyter_call_async (jupyter, "DELETE", kernel_path, NULL, NULL, store_result, &result);
    deleted = studio_jupyter_call_finish (jupyter, wait_result (&result), NULL);

    tab = studio_window_open_jupyter (window, local, worker);
    view = studio_jupyter_page_get_web_view (STUDIO_JUPYTER_PAGE (tab));

    /* (The tab's first page may be replaced as JupyterLab loads: again then.) */
    for (int attempt = 0; attempt < 6 && (dirty == NULL || g_str_has_prefix (dirty, "error:")); attempt++)
      {
        g_clear_pointer (&dirty, g_free);
        if (attempt > 0)
          settle (1000);
        dirty = test_js (view,
                     "for (let i = 0; i < 300 && !window.jupyterapp; i++)\n"
                     "  await new Promise(r => setTimeout(r, 100));\n"
                     "const app = window.jupyterapp;\n"
                     "await app.restored;\n"
                     "const nb = await app.commands.execute('notebook:create-new', { kernelName: 'own-kernel' });\n"
                     "await nb.context.ready;\n"
                     "nb.content.activeCell.model.value.text = 'unsaved = 42';\n"
                     "for (let i = 0; i < 100 && !nb.context.model.dirty; i++)\n"
                     "  await new Promise(r => setTimeout(r, 100));\n"
                     "return nb.context.model.dirty ? nb.context.path : 'clean';", 30);
      }
    if (dirty == NULL || !g_str_has_suffix (dirty, ".ipynb"))
      g_error ("no notebook with unsaved changes in the tab: %s", dirty ? dirty : "no answer");
    studio_window_show_view (window, "workers");
    g_assert_true (studio_workers_page_select_worker (page (), worker));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.stop", NULL));
    g_assert_true (wait_until (message_dialog_shown, NULL, 10));
    question = find_message_dialog ();
    g_assert_nonnull (strstr (adw_message_dialog_get_body (question), dirty));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "not saved"));
    screenshot ("18c-stop-asks-with-unsaved-notebook");
    respond (question, "cancel");
    g_assert_true (wait_until (no_message_dialog, NULL, 5));
    settle (500);
    g_assert_cmpint (studio_worker_get_state (worker), ==, STUDIO_WORKER_STATE_READY);

    /* Stopped all the same: the tab says so in its own words (no network
     * error), offers Start, and keeps the page behind. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.stop", NULL));
    g_assert_true (wait_until (message_dialog_shown, NULL, 10));
    respond (find_message_dialog (), "stop");
    show_tab (tab);
    g_object_set_data (G_OBJECT (worker), "want-state", GINT_TO_POINTER (STUDIO_WORKER_STATE_STOPPED));
    g_assert_true (wait_until (worker_in_state, worker, 60));
    g_assert_true (wait_until (tab_shows_state, tab, 5));
    g_assert_nonnull (label_with (tab, "Is Stopped"));
    start = button_labelled (tab, "_Start Worker");
    g_assert_nonnull (start);
    g_assert_true (gtk_widget_get_visible (start));
    screenshot ("18d-tab-of-stopped-worker");
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
    settle (300);
    screenshot ("18d-tab-of-stopped-worker-dark");
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

    /* Start on the tab: the page comes back as it was, not reloaded: the
     * unsaved cell still there, the notebook on a kernel of its own kind
     * (no picker), no dialog of a lost connection, and code runs. */
    g_assert_true (gtk_widget_activate (start));
    g_object_set_data (G_OBJECT (worker), "want-state", GINT_TO_POINTER (STUDIO_WORKER_STATE_READY));
    g_assert_true (wait_until (worker_in_state, worker, 60));
    g_assert_true (wait_until (tab_shows_work, tab, 5));
    script = g_strdup_printf ("const app = window.jupyterapp;\n"
                              "const it = app.shell.widgets('main');\n"
                              "let nb = null;\n"
                              "for (let w = it.next(); w !== undefined; w = it.next())\n"
                              "  if (w.context && w.context.path === '%s') nb = w;\n"
                              "if (!nb || !nb.context.model.dirty) return 'no unsaved notebook';\n"
                              "if (nb.content.widgets[0].model.value.text !== 'unsaved = 42') return 'cell lost';\n"
                              "if (document.querySelector('.jp-Dialog')) return 'dialog: ' +\n"
                              "  document.querySelector('.jp-Dialog').textContent;\n"
                              "const session = nb.sessionContext.session;\n"
                              "if (!session || !session.kernel) return 'no kernel';\n"
                              "if (session.kernel.name !== 'own-kernel') return 'kernel ' + session.kernel.name;\n"
                              "if (session.kernel.connectionStatus !== 'connected' || session.kernel.status !== 'idle')\n"
                              "  return 'kernel ' + session.kernel.connectionStatus + ', ' + session.kernel.status +\n"
                              "         ', ' + nb.sessionContext.kernelDisplayStatus;\n"
                              "let out = '';\n"
                              "const future = session.kernel.requestExecute({ code: 'print(6 * 7)' });\n"
                              "future.onIOPub = msg => { if (msg.header.msg_type === 'stream') out += msg.content.text; };\n"
                              "await future.done;\n"
                              "return out.trim();", dirty);
    for (int attempt = 0; attempt < 40 && g_strcmp0 (back, "42") != 0; attempt++)
      {
        if (attempt > 0)
          {
            g_test_message ("the notebook is not back yet: %s", back ? back : "no answer");
            settle (1000);
          }
        g_clear_pointer (&back, g_free);
        back = test_js (view, script, 10);
      }
    if (g_strcmp0 (back, "42") != 0)
      {
        screenshot ("18e-tab-not-back");
        g_error ("the notebook did not come back as it was: %s", back ? back : "no answer");
      }
    screenshot ("18e-tab-back-after-start");

    /* The app ends with the tabs open: the next start opens them again,
     * the notebook in front, the terminal on the same shell. */
    {
      GtkWidget *term = studio_window_open_terminal (window, local, worker);
      g_autoptr(GVariant) saved = NULL;
      g_autofree char *want_jupyter = NULL;
      g_autofree char *want_terminal = NULL;
      g_autofree char *shell = NULL;
      g_autofree char *printed = NULL;
      StudioWindow *again;
      AdwTabView *restored;

      g_assert_true (wait_until (terminal_connected, term, 30));
      shell = g_strdup (studio_terminal_page_get_shell (STUDIO_TERMINAL_PAGE (term)));
      show_tab (tab);
      g_assert_true (wait_until (document_path_known, tab, 20));
      studio_window_save_tabs (window);
      saved = g_settings_get_value (studio_application_get_settings (app), "open-tabs");
      printed = g_variant_print (saved, FALSE);
      want_jupyter = g_strdup_printf ("('jupyter', 'local', '%s', '%s')", name, dirty);
      want_terminal = g_strdup_printf ("('terminal', 'local', '%s', '%s')", name, shell);
      g_assert_nonnull (strstr (printed, want_jupyter));
      g_assert_nonnull (strstr (printed, want_terminal));
      /* The app ends: its tabs go, the terminal's shell stays (one
       * JupyterLab at a time on a workspace, as after a restart). */
      adw_tab_view_close_page (studio_window_get_tab_view (window),
                               adw_tab_view_get_page (studio_window_get_tab_view (window), term));
      adw_tab_view_close_page (studio_window_get_tab_view (window),
                               adw_tab_view_get_page (studio_window_get_tab_view (window), tab));

      again = studio_window_new (app);
      gtk_window_present (GTK_WINDOW (again));
      restored = studio_window_get_tab_view (again);
      g_object_set_data (G_OBJECT (restored), "want", GINT_TO_POINTER (2));
      g_assert_true (wait_until (tabs_restored, restored, 20));
      g_assert_cmpstr (studio_window_get_view (again), ==, "workers");   /* shown when picked */
      /* Loaded while not shown: no tab keeps a spinner until it is picked. */
      g_assert_true (wait_until (no_tab_loading, restored, 30));
      for (int i = 0; i < adw_tab_view_get_n_pages (restored); i++)
        {
          GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (restored, i));

          if (STUDIO_IS_TERMINAL_PAGE (child))
            {
              g_assert_true (wait_until (terminal_connected, child, 30));
              g_assert_cmpstr (studio_terminal_page_get_shell (STUDIO_TERMINAL_PAGE (child)), ==, shell);
            }
          else
            {
              /* Picked: it shows the notebook that was in front. */
              g_assert_true (STUDIO_IS_JUPYTER_PAGE (child));
              adw_tab_view_set_selected_page (restored, adw_tab_view_get_nth_page (restored, i));
              studio_window_show_view (again, "tabs");
              {
                WebKitWebView *restored_view = studio_jupyter_page_get_web_view (STUDIO_JUPYTER_PAGE (child));
                g_autofree char *front = NULL;

                for (int attempt = 0; attempt < 60 && g_strcmp0 (front, dirty) != 0; attempt++)
                  {
                    g_clear_pointer (&front, g_free);
                    if (attempt > 0)
                      settle (1000);
                    front = test_js (restored_view,
                                     "const app = window.jupyterapp;\n"
                                     "const w = app && app.shell.currentWidget;\n"
                                     "return w && w.context ? w.context.path : 'none';", 10);
                  }
                g_assert_cmpstr (front, ==, dirty);
              }
            }
        }
      screenshot ("18f-tabs-restored");
      gtk_window_destroy (GTK_WINDOW (again));
    }
  }

  /* Terminating the selected worker selects no other: a Stop one click
   * away, unconfirmed, would act on it. */
  {
    g_autoptr(StudioLaunchOptions) other_options = studio_launch_options_new ();
    g_autofree char *other_name = test_worker_name ("ui-other");
    g_autoptr(StudioWorker) other = NULL;

    other_options->name = g_strdup (other_name);
    other_options->size = g_strdup ("x-small");
    g_clear_object (&result);
    other = g_object_ref (studio_region_launch_async (local, other_options, NULL, store_result, &result));
    g_assert_nonnull (studio_region_launch_finish (local, wait_result (&result), &error));
    g_assert_no_error (error);
    g_autoptr(JsonNode) file = json_from_string ("{\"type\": \"file\", \"format\": \"text\", "
                                                 "\"content\": \"a,b\\n1,2\\n\"}", NULL);
    g_autoptr(JsonNode) written = NULL;
    g_autoptr(JsonNode) kept_file = NULL;
    g_autoptr(StudioJupyter) other_jupyter = NULL;
    g_autofree char *kept_path = NULL;
    AdwMessageDialog *question;
    GtkWidget *terminal_tab;

    /* A result written outside ~/my, and one inside it: Terminate lists
     * the first (what it would lose), not the second, and keeps what it
     * lists in ~/my/NAME when asked to, before it goes on. */
    g_clear_object (&result);
    studio_jupyter_call_async (jupyter, "PUT", "api/contents/results.csv", file, NULL, store_result, &result);
    written = studio_jupyter_call_finish (jupyter, wait_result (&result), &error);
    g_assert_no_error (error);
    g_clear_pointer (&written, json_node_unref);
    g_clear_object (&result);
    studio_jupyter_call_async (jupyter, "PUT", "api/contents/my/kept-already.csv", file, NULL, store_result, &result);
    written = studio_jupyter_call_finish (jupyter, wait_result (&result), &error);
    g_assert_no_error (error);
    terminal_tab = studio_window_open_terminal (window, local, worker);

    studio_window_show_view (window, "workers");
    g_assert_true (studio_workers_page_select_worker (page (), worker));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.terminate", NULL));
    g_assert_true (wait_until (message_dialog_shown, NULL, 20));
    question = find_message_dialog ();
    g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "Lost with it"));
    g_assert_nonnull (label_with (GTK_WIDGET (question), "results.csv"));
    g_assert_null (label_with (GTK_WIDGET (question), "kept-already.csv"));
    g_assert_true (adw_message_dialog_has_response (question, "keep"));
    settle (300);
    screenshot ("19a-terminate-lists-what-is-lost");
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
    settle (300);
    screenshot ("19a-terminate-lists-what-is-lost-dark");
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
    respond (question, "keep");
    g_assert_true (wait_until (worker_gone, worker, 60));

    /* Kept where the other worker sees it. */
    other_jupyter = studio_region_open_jupyter (local, other);
    kept_path = g_strdup_printf ("api/contents/my/%s/results.csv", name);
    g_clear_object (&result);
    studio_jupyter_call_async (other_jupyter, "GET", kept_path, NULL, NULL, store_result, &result);
    kept_file = studio_jupyter_call_finish (other_jupyter, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (kept_file), "content"), ==, "a,b\n1,2\n");

    /* Its terminal tab says it is gone, not a network error. */
    show_tab (terminal_tab);
    g_assert_true (wait_until (tab_shows_state, terminal_tab, 10));
    g_assert_nonnull (label_with (terminal_tab, "Was Terminated"));
    screenshot ("19c-tab-of-terminated-worker");
    adw_tab_view_close_page (studio_window_get_tab_view (window),
                             adw_tab_view_get_page (studio_window_get_tab_view (window), terminal_tab));

    studio_window_show_view (window, "workers");
    settle (300);
    g_assert_null (studio_workers_page_get_selected (page ()));
    g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page ()), "workers.stop", NULL) &&
                    studio_worker_get_state (other) == STUDIO_WORKER_STATE_STOPPING);
    screenshot ("19b-terminated-selects-none");
    g_clear_object (&result);
    studio_region_terminate_async (local, other, NULL, store_result, &result);
    g_assert_true (studio_region_terminate_finish (local, wait_result (&result), NULL));
  }
}
