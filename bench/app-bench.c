/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's start-up and list speed against a bare GTK4 window.
 *   app-bench startup|bare-startup   time from exec to the first frame, and RSS
 *   app-bench bare-nogl-startup      the same for a bare window without GL
 *   app-bench list|bare-list N       time for N workers to reach the screen
 *   app-bench scroll|bare-scroll N   N workers scrolled through, a step a
 *                                    frame: the frames' intervals
 * START_NS (CLOCK_REALTIME at exec, from the caller) makes start-up honest. */
#include <string.h>
#include <time.h>
#if __has_include(<valgrind/callgrind.h>)
/* Under callgrind, the counts of what is measured alone: zeroed at the
 * mark, dumped at the report (no-ops otherwise). */
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS
#endif

#include "studio-application.h"
#include "studio-window.h"
#include "studio-workers-page.h"
#include "studio-hub-region-private.h"
#include "studio-region-private.h"

static gint64 mark_ns;
static const char *mode;
static guint n_items = 500;

static gint64
now_ns (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_REALTIME, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || !(line = strstr (status, "VmRSS:")))
    return -1;
  return atol (line + 6);
}

static void
report_and_quit (GtkWidget *widget)
{
  CALLGRIND_DUMP_STATS;
  g_print ("%s %.1f ms rss %ld KiB\n", mode, (now_ns () - mark_ns) / 1e6, rss_kib ());
  g_application_quit (g_application_get_default ());
}

#define SCROLL_FRAMES 180

static GArray *paints;   /* the scroll's paint times, µs */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static GtkWidget *
find_column_view (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_COLUMN_VIEW (child))
        return child;
      if ((found = find_column_view (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
scroll_painted (GdkFrameClock *clock,
                GtkWidget     *window)
{
  gint64 t = g_get_monotonic_time ();

  g_array_append_val (paints, t);
  if (paints->len <= SCROLL_FRAMES)
    return;
  g_signal_handlers_disconnect_by_func (clock, scroll_painted, window);
  {
    g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 1; i < paints->len; i++)
      {
        double gap = (g_array_index (paints, gint64, i) - g_array_index (paints, gint64, i - 1)) / 1e3;
        g_array_append_val (gaps, gap);
      }
    g_array_sort (gaps, compare_doubles);
    g_print ("%s %.1f ms p95 %.1f ms max %.1f ms rows %u\n", mode, g_array_index (gaps, double, gaps->len / 2),
             g_array_index (gaps, double, gaps->len * 95 / 100), g_array_index (gaps, double, gaps->len - 1),
             n_items);
  }
  g_application_quit (g_application_get_default ());
}

/* A step down the list each frame, from the top. */
static gboolean
scroll_tick (GtkWidget     *view,
             GdkFrameClock *clock,
             gpointer       data)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  if (paints->len > SCROLL_FRAMES)
    return G_SOURCE_REMOVE;
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) / 2);
  return G_SOURCE_CONTINUE;
}

static void
start_scrolling (GtkWidget *window)
{
  GtkWidget *view = find_column_view (window);

  if (view == NULL)
    g_error ("no column view to scroll");
  paints = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (scroll_painted), window);
  gtk_widget_add_tick_callback (view, scroll_tick, NULL, NULL);
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWidget     *widget)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, widget);
  if (strstr (mode, "scroll") != NULL)
    start_scrolling (widget);
  else
    report_and_quit (widget);
}

/* The first frame after now that actually paints the window. */
static void
report_at_next_paint (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), window);
  gtk_widget_queue_draw (window);
}

static void
on_map (GtkWidget *window)
{
  report_at_next_paint (window);
}

static gboolean fill_list (gpointer user_data);

/* One worker first, so that the list is on screen before the measured batch,
 * as the bare list is. */
static gboolean
show_list (gpointer user_data)
{
  GtkWidget *window = user_data;
  StudioWorkersPage *page = STUDIO_WORKERS_PAGE (studio_window_get_workers_page (STUDIO_WINDOW (window)));
  GListStore *store = studio_region_get_store (studio_workers_page_get_region (page));
  g_autoptr(StudioWorker) first = studio_worker_new ("bench-first", "This Computer");

  g_list_store_append (store, first);
  g_timeout_add (500, fill_list, window);
  return G_SOURCE_REMOVE;
}

static gboolean
fill_list (gpointer user_data)
{
  GtkWidget *window = user_data;
  StudioWorkersPage *page = STUDIO_WORKERS_PAGE (studio_window_get_workers_page (STUDIO_WINDOW (window)));
  GListStore *store = studio_region_get_store (studio_workers_page_get_region (page));
  g_autoptr(GPtrArray) workers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *name = g_strdup_printf ("bench-%04u", i);
      StudioWorker *worker = studio_worker_new (name, "This Computer");

      studio_worker_set_state (worker, i % 3 ? STUDIO_WORKER_STATE_READY : STUDIO_WORKER_STATE_STOPPED);
      studio_worker_set_size (worker, "small");
      studio_worker_set_image (worker, "localhost/ai-studio-worker:bookworm");
      studio_worker_set_created (worker, now);
      studio_worker_set_last_activity (worker, now);
      studio_worker_set_auto_shutdown_minutes (worker, 90);
      g_ptr_array_add (workers, worker);
    }
  mark_ns = now_ns ();
  CALLGRIND_ZERO_STATS;
  g_list_store_splice (store, 1, 0, workers->pdata, workers->len);
  report_at_next_paint (window);
  return G_SOURCE_REMOVE;
}

static void
hub_refreshed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!studio_region_refresh_finish (STUDIO_REGION (object), result, &error))
    g_error ("%s", error->message);
  /* The refresh and what the window did on its signals (nothing to redraw
   * when nothing changed); then, for the record, to a forced full repaint. */
  g_print ("hub-refresh %.1f ms rss %ld KiB\n", (now_ns () - mark_ns) / 1e6, rss_kib ());
  mode = "hub-refresh-painted";
  report_at_next_paint (user_data);
}

/* The bare baseline first: the same GET with libsoup, its JSON parsed with
 * json-glib; then ours, the region's refresh to the window's next frame. */
static void
bare_hub_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GtkWidget *window = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  StudioRegion *region = g_object_get_data (G_OBJECT (window), "hub");

  if (body == NULL || !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                                   &error))
    g_error ("bare GET: %s", error->message);
  g_print ("bare-hub-refresh %.1f ms rss %ld KiB\n", (now_ns () - mark_ns) / 1e6, rss_kib ());
  mark_ns = now_ns ();
  CALLGRIND_ZERO_STATS;
  studio_region_refresh_async (region, NULL, hub_refreshed_cb, window);
}

static void
bare_hub_get (GtkWidget    *window,
              StudioRegion *region)
{
  StudioHubRegion *hub = STUDIO_HUB_REGION (region);
  g_autofree char *url = g_strdup_printf ("%s/hub/api/user?include_stopped_servers=1", hub->url);
  g_autofree char *auth = g_strdup_printf ("token %s", hub->token);
  SoupSession *session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  g_object_set_data_full (G_OBJECT (window), "hub", g_object_ref (region), g_object_unref);
  g_object_set_data_full (G_OBJECT (window), "bare-session", session, g_object_unref);
  mark_ns = now_ns ();
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, bare_hub_done, window);
}

/* A hub region with many servers on screen: one refresh, to the next frame. */
static gboolean
hub_refresh (gpointer user_data)
{
  GtkWidget *window = user_data;
  StudioApplication *app = STUDIO_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  StudioWorkersPage *page = STUDIO_WORKERS_PAGE (studio_window_get_workers_page (STUDIO_WINDOW (window)));
  StudioRegion *region = studio_application_find_region (app, "team");

  if (region == NULL || !studio_region_get_available (region) ||
      g_list_model_get_n_items (studio_region_get_workers (region)) < n_items)
    {
      if (region != NULL && studio_workers_page_get_region (page) != region)
        studio_workers_page_select_region (page, region);
      return G_SOURCE_CONTINUE;
    }
  bare_hub_get (window, region);
  return G_SOURCE_REMOVE;
}

/* The engine's own list in first (a refresh during the measure would
 * replace the bench's workers with the engine's). */
static gboolean
wait_for_engine (gpointer user_data)
{
  StudioWorkersPage *page = STUDIO_WORKERS_PAGE (studio_window_get_workers_page (STUDIO_WINDOW (user_data)));
  StudioRegion *region = studio_workers_page_get_region (page);

  if (region == NULL || !studio_region_get_available (region))
    return G_SOURCE_CONTINUE;
  g_timeout_add (500, show_list, user_data);
  return G_SOURCE_REMOVE;
}

static void
activate_ours (GApplication *app)
{
  GtkWidget *window = GTK_WIDGET (studio_window_new (STUDIO_APPLICATION (app)));

  if (g_str_equal (mode, "startup"))
    g_signal_connect_after (window, "map", G_CALLBACK (on_map), NULL);
  else if (g_str_equal (mode, "hub-refresh"))
    g_timeout_add (500, hub_refresh, window);
  else
    g_timeout_add (50, wait_for_engine, window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
setup_label (GtkSignalListItemFactory *f, GtkListItem *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_label (GtkSignalListItemFactory *f, GtkListItem *item)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static gboolean
fill_bare_list (gpointer user_data)
{
  GtkStringList *strings = g_object_get_data (user_data, "strings");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (names, g_strdup_printf ("bench-%04u", i));
  g_ptr_array_add (names, NULL);
  mark_ns = now_ns ();
  CALLGRIND_ZERO_STATS;
  gtk_string_list_splice (strings, 0, 0, (const char * const *) names->pdata);
  report_at_next_paint (user_data);
  return G_SOURCE_REMOVE;
}

static void
activate_bare (GApplication *app)
{
  GtkWidget *window = gtk_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  if (g_str_has_suffix (mode, "startup"))
    {
      gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("bare"));
      g_signal_connect_after (window, "map", G_CALLBACK (on_map), NULL);
    }
  else
    {
      GtkStringList *strings = gtk_string_list_new (NULL);
      GtkWidget *view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (strings))));
      GtkWidget *scroller = gtk_scrolled_window_new ();

      for (guint c = 0; c < 6; c++)
        {
          GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
          g_autoptr(GtkColumnViewColumn) column = NULL;

          g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
          g_signal_connect (factory, "bind", G_CALLBACK (bind_label), NULL);
          column = gtk_column_view_column_new ("Column", factory);
          gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
        }
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
      gtk_window_set_child (GTK_WINDOW (window), scroller);
      g_object_set_data (G_OBJECT (window), "strings", strings);
      g_timeout_add (1500, fill_bare_list, window);
    }
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr(GApplication) app = NULL;
  const char *start = g_getenv ("START_NS");

  mark_ns = start ? g_ascii_strtoll (start, NULL, 10) : now_ns ();
  mode = argc > 1 ? argv[1] : "startup";
  if (argc > 2)
    n_items = atoi (argv[2]);

  /* The bare window as the app draws where there is no GPU: no GL at all
   * (for the record next to the bare window as GTK sets itself up). */
  if (g_str_equal (mode, "bare-nogl-startup"))
    {
      g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
      g_setenv ("GSK_RENDERER", "cairo", TRUE);
    }
  if (g_str_has_prefix (mode, "bare"))
    {
      app = G_APPLICATION (gtk_application_new ("io.github.aistudio.Bench", G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (activate_bare), NULL);
    }
  else
    {
      app = G_APPLICATION (studio_application_new ());
      g_application_set_flags (app, G_APPLICATION_NON_UNIQUE);
      g_signal_connect (app, "activate", G_CALLBACK (activate_ours), NULL);
    }
  return g_application_run (app, 1, argv);
}
