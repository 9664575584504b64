/* The selected worker's details: what runs on it (a notebook's kernel),
 * shut down from there, and its CPU and memory graphs filling in. */
#include "studio-worker-details.h"
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

void
test_worker_details (void)
{
  StudioRegion *local = studio_application_find_region (app, "local");
  g_autoptr(StudioLaunchOptions) options = studio_launch_options_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioWorker) worker = NULL;
  g_autoptr(StudioJupyter) jupyter = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"path\": \"analysis.ipynb\", \"name\": \"analysis.ipynb\", "
                                               "\"type\": \"notebook\", \"kernel\": {\"name\": \"python3\"}}", NULL);
  g_autoptr(JsonNode) session = NULL;
  g_autofree char *name = test_worker_name ("ui-details");
  const char *kernel;

  options->name = g_strdup (name);
  options->size = g_strdup ("x-small");
  worker = g_object_ref (studio_region_launch_async (local, options, NULL, store_result, &result));
  g_assert_nonnull (studio_region_launch_finish (local, wait_result (&result), &error));
  g_assert_no_error (error);

  adw_tab_view_set_selected_page (studio_window_get_tab_view (window),
                                  adw_tab_view_get_nth_page (studio_window_get_tab_view (window), 0));
  g_assert_true (studio_workers_page_select_region (page (), local));
  settle (300);
  g_assert_true (studio_workers_page_select_worker (page (), worker));
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
  screenshot ("17-worker-details");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (details ()), "details.shut-down", "s", kernel));
  g_assert_true (wait_until (row_gone, (gpointer) "analysis.ipynb", 20));
  screenshot ("18-worker-details-shut-down");

  g_clear_object (&result);
  studio_region_terminate_async (local, worker, NULL, store_result, &result);
  g_assert_true (studio_region_terminate_finish (local, wait_result (&result), NULL));
}
