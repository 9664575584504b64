/* SPDX-License-Identifier: GPL-3.0-or-later */
/* From pressing Jupyter on a ready worker to its page loaded, against a bare
 * WebKitWebView loading the same URL in the same kind of network session
 * (persistent, a folder of its own); each twice, the second tab after the
 * first is closed (ours reuses what the first set up). Memory: the window's
 * RSS before and with a tab, and WebKit's processes'.
 *   jupyter-tab-bench ours|bare WORKER
 * The worker runs on This Computer. No token is passed around: both ask the
 * core for the worker's URL. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "studio-application.h"
#include "studio-jupyter-page.h"
#include "studio-region-private.h"
#include "studio-window.h"

static const char *worker_name;
static StudioRegion *region;
static GtkWidget *window;
static WebKitNetworkSession *bare_session;
static guint round_no;
static gint64 mark_us;
static long rss_before;

static long
rss_of (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL) || !(line = strstr (status, "VmRSS:")))
    return 0;
  return atol (line + 6);
}

/* The RSS of this process's children (WebKit's web and network processes). */
static long
children_rss (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  g_autofree char *me = g_strdup_printf ("%d", getpid ());
  const char *name;
  long sum = 0;

  while (proc && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%s/stat", name);
      g_autofree char *stat = NULL;
      const char *close_paren;
      g_auto(GStrv) fields = NULL;

      if (!g_ascii_isdigit (*name) || !g_file_get_contents (path, &stat, NULL, NULL) ||
          !(close_paren = strrchr (stat, ')')))
        continue;
      fields = g_strsplit (close_paren + 2, " ", 4);
      if (g_strv_length (fields) >= 2 && g_str_equal (fields[1], me))
        sum += rss_of (name);
    }
  return sum;
}

/* One round a timer's once: a round that takes longer than the timer's
 * period is not started again. */
static void next_round (gpointer data);

static void
on_load_changed (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 GtkWidget       *page)
{
  if (event != WEBKIT_LOAD_FINISHED)
    return;
  g_signal_handlers_disconnect_by_func (view, on_load_changed, page);
  g_print ("%s-%s %.1f ms rss %ld KiB window-before %ld KiB webkit %ld KiB\n",
           g_get_prgname (), round_no == 1 ? "first" : "second", (g_get_monotonic_time () - mark_us) / 1e3,
           rss_of ("self"), rss_before, children_rss ());
  /* Close it, then the next tab. */
  if (STUDIO_IS_WINDOW (window))
    {
      AdwTabView *tabs = studio_window_get_tab_view (STUDIO_WINDOW (window));
      adw_tab_view_close_page (tabs, adw_tab_view_get_page (tabs, page));
    }
  else
    gtk_window_set_child (GTK_WINDOW (window), NULL);
  g_timeout_add_once (500, next_round, NULL);
}

static void
next_round (gpointer data)
{
  StudioWorker *worker = studio_region_find_worker (region, worker_name);
  WebKitWebView *view;
  GtkWidget *page;

  if (++round_no > 2)
    {
      g_application_quit (g_application_get_default ());
      return;
    }
  rss_before = rss_of ("self");
  mark_us = g_get_monotonic_time ();
  if (STUDIO_IS_WINDOW (window))
    {
      page = studio_window_open_jupyter (STUDIO_WINDOW (window), region, worker);
      view = studio_jupyter_page_get_web_view (STUDIO_JUPYTER_PAGE (page));
    }
  else
    {
      g_autofree char *uri = studio_worker_dup_browser_url (worker);

      view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", bare_session, NULL);
      page = GTK_WIDGET (view);
      gtk_window_set_child (GTK_WINDOW (window), page);
      webkit_web_view_load_uri (view, uri);
    }
  g_signal_connect (view, "load-changed", G_CALLBACK (on_load_changed), page);
}

static gboolean refreshing;

static void
refreshed_cb (GObject *object, GAsyncResult *result, gpointer data)
{
  studio_region_refresh_finish (STUDIO_REGION (object), result, NULL);
  refreshing = FALSE;
}

/* The worker ready in the region's list first. */
static gboolean
wait_for_worker (gpointer data)
{
  StudioWorker *worker = region ? studio_region_find_worker (region, worker_name) : NULL;

  if (worker == NULL || studio_worker_get_state (worker) != STUDIO_WORKER_STATE_READY)
    {
      if (region != NULL && !refreshing)
        {
          refreshing = TRUE;
          studio_region_refresh_async (region, NULL, refreshed_cb, NULL);
        }
      return G_SOURCE_CONTINUE;
    }
  g_timeout_add_once (1000, next_round, NULL);
  return G_SOURCE_REMOVE;
}

static void
activate_ours (GApplication *app)
{
  window = GTK_WIDGET (studio_window_new (STUDIO_APPLICATION (app)));
  region = studio_application_find_region (STUDIO_APPLICATION (app), "local");
  gtk_window_present (GTK_WINDOW (window));
  g_timeout_add (200, wait_for_worker, NULL);
}

static void
activate_bare (GApplication *app)
{
  g_autofree char *dir = g_dir_make_tmp ("jupyter-tab-bench-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autoptr(StudioRegions) regions = studio_regions_new ();

  bare_session = webkit_network_session_new (data, cache);
  /* As the app's: tabs show the page's icon. */
  webkit_website_data_manager_set_favicons_enabled (webkit_network_session_get_website_data_manager (bare_session),
                                                    TRUE);
  studio_regions_load (regions, NULL);
  region = g_object_ref (studio_regions_lookup (regions, "local"));
  window = gtk_application_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_timeout_add (200, wait_for_worker, NULL);
}

int
main (int argc, char **argv)
{
  g_autoptr(GApplication) app = NULL;
  gboolean ours;

  if (argc < 3 || (!g_str_equal (argv[1], "ours") && !g_str_equal (argv[1], "bare")))
    g_error ("usage: jupyter-tab-bench ours|bare WORKER");
  ours = g_str_equal (argv[1], "ours");
  worker_name = argv[2];
  g_set_prgname (argv[1]);
  /* Both draw web pages the same way (the app sets it without a GPU). */
  if (!g_file_test ("/dev/dri", G_FILE_TEST_IS_DIR))
    g_setenv ("WEBKIT_DISABLE_COMPOSITING_MODE", "1", TRUE);
  if (ours)
    {
      app = G_APPLICATION (studio_application_new ());
      g_application_set_flags (app, G_APPLICATION_NON_UNIQUE);
      g_signal_connect (app, "activate", G_CALLBACK (activate_ours), NULL);
    }
  else
    {
      app = G_APPLICATION (gtk_application_new ("io.github.aistudio.Bench", G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (activate_bare), NULL);
    }
  return g_application_run (app, 1, argv);
}
