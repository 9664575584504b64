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
  }

  g_clear_object (&result);
  studio_region_terminate_async (local, worker, NULL, store_result, &result);
  g_assert_true (studio_region_terminate_finish (local, wait_result (&result), NULL));
}
