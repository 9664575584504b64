/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a worker serves, in the window: a port a program of the worker opens
 * is listed in its details within seconds and offered in a toast; Open
 * shows its page in a tab (through the worker's Jupyter server); the tab
 * comes back by itself when the program listens again after it stopped.
 * VS Code opens in a tab, started on demand. */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "aistudio.h"
#include "studio-jupyter-page.h"
#include "studio-worker-details.h"
#include "test-app.h"
#include "test-helpers.h"

typedef struct
{
  GMainLoop *loop;
  int status;
} Ran;

static void
exited (StudioExec *exec,
        int         status,
        const char *error,
        Ran        *ran)
{
  ran->status = status;
  g_main_loop_quit (ran->loop);
}

/* A command on the worker, as its terminal would run it; its exit status. */
static int
run_on (StudioRegion *region,
        StudioWorker *worker,
        const char   *command)
{
  g_autoptr(StudioJupyter) jupyter = studio_region_open_jupyter (region, worker);
  const char *argv[] = { "sh", "-c", command, NULL };
  g_autoptr(StudioExec) exec = studio_exec_new (jupyter, argv);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Ran ran = { loop, -1 };

  g_signal_connect (exec, "exited", G_CALLBACK (exited), &ran);
  studio_exec_start_async (exec, NULL, store_result, &result);
  g_assert_true (studio_exec_start_finish (exec, wait_result (&result), &error));
  g_assert_no_error (error);
  studio_exec_close_input (exec);
  g_main_loop_run (loop);
  return ran.status;
}

/* An x-small worker of This Computer named @name, ready, shown selected in
 * the Workers view (its details below the list); the caller's reference. */
StudioWorker *
launch_and_select (const char *name)
{
  StudioRegion *local = studio_application_find_region (app, "local");
  g_autoptr(StudioLaunchOptions) options = studio_launch_options_new_full (name, "x-small", NULL, NULL, -1, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  StudioWorker *worker = g_object_ref (studio_region_launch_async (local, options, NULL, store_result, &result));

  g_assert_nonnull (studio_region_launch_finish (local, wait_result (&result), &error));
  g_assert_no_error (error);
  studio_window_show_view (window, "workers");
  g_assert_true (studio_workers_page_select_region (page (), local));
  settle (300);
  g_assert_true (studio_workers_page_select_worker (page (), worker));
  return worker;
}

static gboolean
file_has_text (gpointer path)
{
  g_autofree char *text = NULL;

  return g_file_get_contents (path, &text, NULL, NULL) && strchr (text, '\n') != NULL;
}

static StudioWorkerDetails *
details (void)
{
  return find_descendant (GTK_WIDGET (page ()), STUDIO_TYPE_WORKER_DETAILS);
}

static gboolean
lists_port (gpointer data)
{
  GListModel *services = studio_worker_details_get_services (details ());

  for (guint i = 0; services != NULL && i < g_list_model_get_n_items (services); i++)
    {
      g_autoptr(StudioService) service = g_list_model_get_item (services, i);

      if (studio_service_get_port (service) == GPOINTER_TO_UINT (data))
        return TRUE;
    }
  return FALSE;
}

/* JupyterLab and VS Code, and no port yet. */
static gboolean
lists_no_ports (gpointer data)
{
  GListModel *services = studio_worker_details_get_services (details ());
  g_autoptr(StudioService) first = services && g_list_model_get_n_items (services) == 2
                                   ? g_list_model_get_item (services, 0) : NULL;
  g_autoptr(StudioService) second = first ? g_list_model_get_item (services, 1) : NULL;

  return first != NULL && g_str_equal (studio_service_get_name (first), "JupyterLab") &&
         g_str_equal (studio_service_get_name (second), "VS Code") && studio_service_get_port (second) == 0;
}

/* The page's text, once the tab has loaded it, has @data in it. */
static gboolean
tab_says (gpointer data)
{
  GtkWidget *tab = g_object_get_data (G_OBJECT (window), "service-tab");
  WebKitWebView *view = studio_jupyter_page_get_web_view (STUDIO_JUPYTER_PAGE (tab));
  g_autofree char *text = NULL;

  if (webkit_web_view_is_loading (view))
    return FALSE;
  text = test_js (view, "return document.body ? document.body.innerText : '';", 5);
  return text != NULL && strstr (text, data) != NULL;
}

/* The Open button of the row that names @name. */
static GtkWidget *
open_button (const char *name)
{
  for (GtkWidget *w = GTK_WIDGET (details ()); w != NULL;)
    {
      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), "win.open-service") == 0)
        {
          GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (w));
          const char *service;

          g_variant_get (target, "(&s&s&s&s)", NULL, NULL, NULL, &service);
          if (g_str_equal (service, name))
            return w;
        }
      /* Depth first through the pane. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = w == GTK_WIDGET (details ()) ? NULL : gtk_widget_get_parent (w);
          w = w ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  return NULL;
}

void
test_services_in_tabs (void)
{
  StudioRegion *local = studio_application_find_region (app, "local");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioWorker) worker = NULL;
  g_autofree char *name = test_worker_name ("ui-services");
  g_autofree char *hello = g_strdup_printf ("hello from %s", name);
  const char *serve = "mkdir -p site && echo \"hello from $(hostname)\" >site/index.html && cd site && "
                      "setsid python3 -m http.server 8000 >/dev/null 2>&1 </dev/null &";
  GtkWidget *button, *tab;

  worker = launch_and_select (name);
  g_assert_true (wait_until (lists_no_ports, NULL, 20));

  /* A web app started on the worker: listed within seconds, by its name,
   * and offered in a toast. */
  g_assert_cmpint (run_on (local, worker, serve), ==, 0);
  if (!wait_until (lists_port, GUINT_TO_POINTER (8000), 10))
    {
      GListModel *shown = studio_worker_details_get_services (details ());

      for (guint i = 0; shown && i < g_list_model_get_n_items (shown); i++)
        {
          g_autoptr(StudioService) service = g_list_model_get_item (shown, i);
          g_test_message ("shown: %s %u", studio_service_get_name (service), studio_service_get_port (service));
        }
      g_error ("port 8000 was not listed");
    }
  g_assert_nonnull (label_with (GTK_WIDGET (window), "serves http.server on port 8000"));
  screenshot ("40-services");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  settle (300);
  screenshot ("40-services-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Open: its page in a tab, through the worker's Jupyter server. */
  button = open_button ("http.server");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  tab = adw_tab_page_get_child (adw_tab_view_get_selected_page (studio_window_get_tab_view (window)));
  g_assert_true (STUDIO_IS_JUPYTER_PAGE (tab));
  g_assert_cmpstr (studio_jupyter_page_get_service_id (STUDIO_JUPYTER_PAGE (tab)), ==, "8000");
  g_object_set_data (G_OBJECT (window), "service-tab", tab);
  g_assert_true (wait_until (tab_says, hello, 30));
  screenshot ("41-service-tab");
  /* Open Tab in Browser: the desktop's browser gets a page private to the
   * user that signs it in to the service, never the token itself. */
  {
    const char *log = fake_browser ();
    g_autofree char *given = NULL;
    g_autofree char *page = NULL;
    g_autofree char *path = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-in-browser", NULL));
    if (!wait_until (file_has_text, (gpointer) log, 10))
      {
        AdwMessageDialog *said = find_message_dialog ();

        g_error ("the browser was given nothing%s%s", said ? ": " : "",
                 said ? adw_message_dialog_get_body (said) : "");
      }
    g_assert_true (g_file_get_contents (log, &given, NULL, NULL));
    g_strstrip (given);
    g_assert_true (g_str_has_prefix (given, "fake-browser "));
    g_assert_null (strstr (given, "token="));
    /* (GIO hands a file's path to a browser that takes URIs.) */
    path = g_strdup (strchr (given, ' ') + 1);
    if (g_str_has_prefix (path, "file://"))
      {
        g_autofree char *uri = g_steal_pointer (&path);
        path = g_filename_from_uri (uri, NULL, NULL);
      }
    g_assert_cmpint (g_file_test (path, G_FILE_TEST_IS_REGULAR), ==, TRUE);
    g_assert_true (g_file_get_contents (path, &page, NULL, NULL));
    g_assert_nonnull (strstr (page, "/ai-studio/proxy/8000/"));
    g_assert_nonnull (strstr (page, "token="));
  }

  /* Open again: the same tab, not a second one. */
  g_signal_emit_by_name (open_button ("http.server"), "clicked");
  g_assert_true (adw_tab_page_get_child (adw_tab_view_get_selected_page (studio_window_get_tab_view (window))) == tab);

  /* The program stops: the tab says nothing answers; it listens again: the
   * tab shows its page by itself. */
  g_assert_cmpint (run_on (local, worker, "pkill -f 'http[.]server 8000'; sleep 0.5"), ==, 0);
  studio_jupyter_page_reload (STUDIO_JUPYTER_PAGE (tab));
  g_assert_true (wait_until (tab_says, (gpointer) "Nothing answers on port 8000", 20));
  g_assert_cmpint (run_on (local, worker, serve), ==, 0);
  g_assert_true (wait_until (tab_says, hello, 20));

  adw_tab_view_close_page (studio_window_get_tab_view (window),
                           adw_tab_view_get_page (studio_window_get_tab_view (window), tab));
  g_object_set_data (G_OBJECT (window), "service-tab", NULL);

  /* VS Code: listed before it runs, started by Open, its workbench in a tab
   * with the worker's home in its explorer (read over its WebSocket,
   * through the worker's Jupyter server). */
  studio_window_show_view (window, "workers");
  g_assert_cmpint (run_on (local, worker, "mkdir -p project-for-vscode"), ==, 0);
  button = open_button ("VS Code");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  tab = adw_tab_page_get_child (adw_tab_view_get_selected_page (studio_window_get_tab_view (window)));
  g_assert_cmpstr (studio_jupyter_page_get_service_id (STUDIO_JUPYTER_PAGE (tab)), ==, "vscode");
  g_object_set_data (G_OBJECT (window), "service-tab", tab);
  g_assert_true (wait_until (tab_says, (gpointer) "project-for-vscode", 90));
  settle (1000);
  screenshot ("42-vscode-tab");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  settle (1000);
  screenshot ("42-vscode-tab-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  adw_tab_view_close_page (studio_window_get_tab_view (window),
                           adw_tab_view_get_page (studio_window_get_tab_view (window), tab));
  g_object_set_data (G_OBJECT (window), "service-tab", NULL);
  g_clear_object (&result);
  studio_region_terminate_async (local, worker, NULL, store_result, &result);
  g_assert_true (studio_region_terminate_finish (local, wait_result (&result), &error));
  g_assert_no_error (error);
}

static gboolean
explorer_lists_files (gpointer data)
{
  WebKitWebView *view = studio_jupyter_page_get_web_view (data);
  g_autofree char *rows = test_js (view, "return String(document.querySelectorAll("
                                         "'.explorer-folders-view .monaco-list-row').length);", 5);

  return rows != NULL && atoi (rows) > 0;
}

/* VS Code on a hub's server: through the hub's proxy and the server's, its
 * workbench in a tab, the server's files in its explorer (over its
 * WebSocket). */
void
test_vscode_tab (void)
{
  StudioWorker *worker = studio_workers_page_get_selected (page ());
  GtkWidget *tab;

  g_assert_nonnull (worker);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-service", "(ssss)",
                                             studio_region_get_id (studio_workers_page_get_region (page ())),
                                             studio_worker_get_name (worker), "vscode", "VS Code"));
  tab = adw_tab_page_get_child (adw_tab_view_get_selected_page (studio_window_get_tab_view (window)));
  g_assert_cmpstr (studio_jupyter_page_get_service_id (STUDIO_JUPYTER_PAGE (tab)), ==, "vscode");
  g_assert_true (wait_until (explorer_lists_files, tab, 90));
  settle (1000);
  screenshot ("42-vscode-tab-hub");
  adw_tab_view_close_page (studio_window_get_tab_view (window),
                           adw_tab_view_get_page (studio_window_get_tab_view (window), tab));
}
