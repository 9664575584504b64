/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Tasks tab: a notebook run from the Run Task dialog, its output
 * followed live, the notification at its end, and its output notebook
 * opened on the kept worker. */
#include <vte/vte.h>

#include "studio-image-row.h"
#include "studio-jupyter-page.h"
#include "studio-run-task-dialog.h"
#include "studio-tasks-page.h"
#include "test-app.h"
#include "test-helpers.h"

static gboolean
task_ended (gpointer data)
{
  return studio_task_state_is_final (studio_task_get_state (data));
}

static gboolean
output_shows (gpointer data)
{
  StudioTasksPage *tasks = STUDIO_TASKS_PAGE (studio_window_get_tasks_page (window));
  g_autofree char *text = vte_terminal_get_text (VTE_TERMINAL (studio_tasks_page_get_output (tasks)),
                                                 NULL, NULL, NULL);

  return text != NULL && strstr (text, data) != NULL;
}

static gboolean
notification_logged (gpointer data)
{
  g_autofree char *log = NULL;

  g_file_get_contents (g_getenv ("AI_STUDIO_NOTIFICATIONS"), &log, NULL, NULL);
  return log != NULL && strstr (log, data) != NULL;
}

/* The tab Output Notebook opened: it is the one shown (other tests' tabs may be open too). */
static StudioJupyterPage *
find_jupyter_page (void)
{
  AdwTabPage *page = adw_tab_view_get_selected_page (studio_window_get_tab_view (window));
  GtkWidget *child = page ? adw_tab_page_get_child (page) : NULL;

  return STUDIO_IS_JUPYTER_PAGE (child) ? STUDIO_JUPYTER_PAGE (child) : NULL;
}

static gboolean
notebook_opened (gpointer data)
{
  StudioJupyterPage *jupyter = find_jupyter_page ();
  g_autofree char *title = NULL;

  /* The tab names the notebook once its page shows it: the classic UI's
   * title, set by its scripts (a slow sub-resource may keep the view
   * "loading"), or the document JupyterLab has in front. */
  if (jupyter != NULL)
    g_object_get (jupyter, "title", &title, NULL);
  return title != NULL && strstr (title, "report_output") != NULL;
}

static gboolean
kept_worker_listed (gpointer data)
{
  StudioTask *task = data;
  StudioWorker *worker = studio_region_find_worker (studio_task_get_region (task), studio_task_get_worker_name (task));

  return worker != NULL && studio_worker_get_state (worker) == STUDIO_WORKER_STATE_READY;
}

static gboolean
task_listed (gpointer data)
{
  return studio_tasks_lookup (studio_application_get_tasks (app), data) != NULL;
}

void
test_run_task_through_dialog (void)
{
  StudioTasksPage *tasks = STUDIO_TASKS_PAGE (studio_window_get_tasks_page (window));
  StudioTasks *model = studio_application_get_tasks (app);
  g_autofree char *dir = g_build_filename (g_getenv ("AI_STUDIO_TEST_DIR"), "ui-task", NULL);
  g_autofree char *file = g_build_filename (dir, "report.ipynb", NULL);
  g_autoptr(StudioTask) task = NULL;
  StudioRunTaskDialog *dialog;
  StudioRegion *region;
  StudioWorker *worker;
  const char *notebook =
    "{\"cells\": ["
    "{\"cell_type\": \"code\", \"metadata\": {\"tags\": [\"parameters\"]}, \"outputs\": [], \"execution_count\": null,"
    " \"source\": \"rows = 6\\nlabel = 'ui'\\n\"},"
    "{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"execution_count\": null,"
    " \"source\": \"print(label + '-task-' + str(rows * 7))\"}],"
    " \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}";

  g_mkdir_with_parents (dir, 0755);
  g_assert_true (g_file_set_contents (file, notebook, -1, NULL));

  /* As a user would: the Tasks tab, then Run Task…. */
  studio_window_show_task (window, "none");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tasks), "tasks.run", NULL));
  settle (300);
  dialog = find_toplevel (STUDIO_TYPE_RUN_TASK_DIALOG);
  g_assert_nonnull (dialog);
  studio_run_task_dialog_set_file (dialog, file);
  studio_run_task_dialog_set_policy (dialog, STUDIO_TASK_POLICY_KEEP);
  screenshot ("14-run-task-dialog");

  /* The image picker Launch has, starting from the same default image and
   * size: the image here, its size said, and marked as the one chosen. */
  {
    StudioImageRow *images = find_descendant (GTK_WIDGET (dialog), STUDIO_TYPE_IMAGE_ROW);
    AdwComboRow *sizes = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                       STUDIO_TYPE_RUN_TASK_DIALOG, "size_row"));
    g_autofree char *default_size = g_settings_get_string (studio_application_get_settings (app), "default-size");
    StudioSize *size = studio_region_find_size (studio_image_row_get_region (images), default_size);
    g_autofree char *image = studio_image_row_dup_image (images);
    g_autofree char *default_image = g_settings_get_string (studio_application_get_settings (app), "default-image");
    GtkListBox *list = studio_image_row_get_list (images);
    gboolean marked = FALSE;

    g_assert_cmpstr (image, ==, default_image);
    g_assert_nonnull (size);
    g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (sizes)), ==,
                     studio_size_get_name (size));
    studio_image_row_popup (images);
    g_assert_true (wait_until (image_menu_described, list, 10));
    for (GtkWidget *r = gtk_widget_get_first_child (GTK_WIDGET (list)); r; r = gtk_widget_get_next_sibling (r))
      if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (r)), image))
        {
          g_assert_true (g_regex_match_simple ("\nOn This Computer, [0-9.]+.[MG]iB$",
                                               adw_action_row_get_subtitle (ADW_ACTION_ROW (r)), 0, 0));
          marked = gtk_widget_get_visible (g_object_get_data (G_OBJECT (r), "mark"));
        }
    g_assert_true (marked);
    screenshot ("14a-run-task-images");
    studio_image_row_popdown (images);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.run", NULL));

  /* It is in the list, selected, followed live, and it ends well. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  task = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (studio_task_get_file (task), ==, file);
  g_assert_true (wait_until (task_ended, task, 120));
  g_assert_cmpstr (studio_task_state_to_string (studio_task_get_state (task)), ==, "succeeded");
  g_assert_true (wait_until (output_shows, (gpointer) "ui-task-42", 10));
  g_assert_true (wait_until (notification_logged, (gpointer) "Task report.ipynb succeeded", 10));
  g_assert_nonnull (studio_task_get_output_notebook (task));
  g_assert_true (g_file_test (studio_task_get_output_notebook (task), G_FILE_TEST_EXISTS));
  g_assert_true (studio_task_get_kept (task));
  screenshot ("15-task-succeeded");

  /* Its output notebook, on the kept worker. */
  region = studio_task_get_region (task);
  g_assert_true (wait_until (kept_worker_listed, task, 20));
  worker = studio_region_find_worker (region, studio_task_get_worker_name (task));
  g_assert_nonnull (worker);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tasks), "tasks.open-notebook", NULL));
  if (!wait_until (notebook_opened, NULL, 30))
    {
      WebKitWebView *view = studio_jupyter_page_get_web_view (find_jupyter_page ());

      screenshot ("16-task-output-notebook-missing");
      g_error ("the output notebook did not open: uri %s, title %s", webkit_web_view_get_uri (view),
               webkit_web_view_get_title (view));
    }
  settle (1500);   /* the notebook's own scripts draw it */
  screenshot ("16-task-output-notebook");

  /* A task another process (the CLI) records shows up too. */
  {
    g_autofree char *dir_records = g_build_filename (g_get_user_data_dir (), "ai-studio", "tasks", NULL);
    g_autofree char *record = g_build_filename (dir_records, "0123456789ab.json", NULL);
    const char *text = "{\"id\": \"0123456789ab\", \"file\": \"/tmp/from-the-cli.py\", \"region\": \"local\", "
                       "\"state\": \"failed\", \"exit_status\": 3, \"created\": \"2026-11-22T09:00:00Z\", "
                       "\"started\": \"2026-11-22T09:00:05Z\", \"ended\": \"2026-11-22T09:00:09Z\"}";

    g_assert_true (g_file_set_contents (record, text, -1, NULL));
    g_assert_true (wait_until (task_listed, (gpointer) "0123456789ab", 10));
    g_assert_cmpint (studio_task_get_exit_status (studio_tasks_lookup (model, "0123456789ab")), ==, 3);
    /* When it started (another day: with the date) and how long it ran. */
    {
      g_autoptr(GDateTime) started = g_date_time_new_from_iso8601 ("2026-11-22T09:00:05Z", NULL);
      g_autoptr(GDateTime) local = g_date_time_to_local (started);
      g_autofree char *at = g_date_time_format (local, "%b %-e, %R");
      g_autofree char *needle = g_strdup_printf ("started %s · ran 4.0 s", at);

      studio_window_show_view (window, "tasks");
      settle (300);
      g_assert_nonnull (label_with (GTK_WIDGET (studio_window_get_tasks_page (window)), needle));
      screenshot ("16b-tasks-started-and-ran");
    }
  }

  /* Tidy up: the kept worker goes. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    studio_region_terminate_async (region, worker, NULL, store_result, &result);
    g_assert_true (studio_region_terminate_finish (region, wait_result (&result), NULL));
  }
}
