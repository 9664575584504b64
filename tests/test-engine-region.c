/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The This Computer region through its API, against a real Podman engine:
 * the live list, progress as it happens, and what the model exposes. */
#include "studio-error.h"
#include "studio-engine-region-private.h"
#include "test-helpers.h"

static StudioRegion *region;

static void
collect_progress (StudioWorker *worker, GParamSpec *pspec, GPtrArray *seen)
{
  const char *text = studio_worker_get_progress_text (worker);

  if (text && (seen->len == 0 || g_strcmp0 (g_ptr_array_index (seen, seen->len - 1), text) != 0))
    g_ptr_array_add (seen, g_strdup (text));
}

static gboolean
ptr_array_has (GPtrArray *array, const char *text)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), text) == 0)
      return TRUE;
  return FALSE;
}

static void
test_launch_reports_progress (void)
{
  g_autoptr(StudioLaunchOptions) options = studio_launch_options_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(StudioWorker) ready = NULL;
  StudioWorker *worker;
  gint64 left;

  options->name = test_worker_name ("api");
  options->size = g_strdup ("X-Small");   /* by display name */
  options->auto_shutdown_minutes = 30;

  worker = studio_region_launch_async (region, options, NULL, store_result, &result);
  g_assert_nonnull (worker);
  /* In the list at once, launching, before any I/O completes. */
  g_assert_true (studio_region_find_worker (region, options->name) == worker);
  g_assert_cmpint (studio_worker_get_state (worker), ==, STUDIO_WORKER_STATE_LAUNCHING);
  g_signal_connect (worker, "notify::progress-text", G_CALLBACK (collect_progress), seen);

  ready = studio_region_launch_finish (region, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (ready == worker);
  g_assert_cmpint (studio_worker_get_state (worker), ==, STUDIO_WORKER_STATE_READY);
  g_assert_true (ptr_array_has (seen, "Creating"));
  g_assert_true (ptr_array_has (seen, "Starting"));
  g_assert_true (ptr_array_has (seen, "Waiting for Jupyter"));
  g_assert_null (studio_worker_get_progress_text (worker));   /* cleared once ready */
  g_assert_cmpstr (studio_worker_get_size (worker), ==, "x-small");
  g_assert_nonnull (studio_worker_get_last_activity (worker));
  left = studio_worker_get_seconds_left (worker);
  g_assert_cmpint (left, >, 29 * 60);
  g_assert_cmpint (left, <=, 30 * 60);
}

static void
test_second_launch_same_name_fails_early (void)
{
  g_autoptr(StudioLaunchOptions) options = studio_launch_options_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint before = g_list_model_get_n_items (studio_region_get_workers (region));

  options->name = test_worker_name ("api");
  g_assert_null (studio_region_launch_async (region, options, NULL, store_result, &result));
  g_assert_null (studio_region_launch_finish (region, wait_result (&result), &error));
  g_assert_error (error, STUDIO_ERROR, STUDIO_ERROR_EXISTS);
  g_assert_cmpuint (g_list_model_get_n_items (studio_region_get_workers (region)), ==, before);
}

typedef struct { StudioRegion *region; const char *name; gboolean present; } Presence;

static gboolean
presence_reached (gpointer data)
{
  Presence *p = data;
  StudioWorker *worker = studio_region_find_worker (p->region, p->name);

  return p->present ? worker != NULL && studio_worker_get_state (worker) == STUDIO_WORKER_STATE_READY
                    : worker == NULL;
}

static void
run_cli (const char *verb, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                                 g_getenv ("AI_STUDIO_CLI"), verb,
                                                 g_str_equal (verb, "launch") ? "--name" : "--yes",
                                                 name, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_no_error (error);
  /* Wait with the loop running, as an app would be meanwhile. */
  g_subprocess_wait_check_async (cli, NULL, store_result, &result);
  g_subprocess_wait_check_finish (cli, wait_result (&result), &error);
  g_assert_no_error (error);
}

/* A live region follows the engine: another process's launch and terminate
 * show up without anyone asking for a refresh. */
static void
test_live_list_follows_other_processes (void)
{
  g_autoptr(StudioRegion) live = studio_engine_region_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = test_worker_name ("other");
  Presence p = { live, name, TRUE };

  studio_region_refresh_async (live, NULL, store_result, &result);
  g_assert_true (studio_region_refresh_finish (live, wait_result (&result), &error));
  g_assert_no_error (error);
  studio_engine_region_set_live (STUDIO_ENGINE_REGION (live), TRUE);

  run_cli ("launch", name);
  g_assert_true (wait_until (presence_reached, &p, 15));

  p.present = FALSE;
  run_cli ("terminate", name);
  g_assert_true (wait_until (presence_reached, &p, 15));
  studio_engine_region_set_live (STUDIO_ENGINE_REGION (live), FALSE);
}

/* Keep Running counts as activity: the idle countdown starts again. */
static void
test_keep_running (void)
{
  g_autofree char *name = test_worker_name ("api");
  StudioWorker *worker = studio_region_find_worker (region, name);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = NULL;
  gboolean done = FALSE;

  g_assert_nonnull (worker);
  before = g_date_time_ref (studio_worker_get_last_activity (worker));
  g_timeout_add (1100, timeout_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  studio_region_keep_running_async (region, worker, NULL, store_result, &result);
  g_assert_true (studio_region_keep_running_finish (region, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_difference (studio_worker_get_last_activity (worker), before), >=, G_TIME_SPAN_SECOND);
}

static void
test_logs_and_stop (void)
{
  g_autofree char *name = test_worker_name ("api");
  StudioWorker *worker = studio_region_find_worker (region, name);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *logs = NULL;

  g_assert_nonnull (worker);
  studio_region_logs_async (region, worker, NULL, store_result, &result);
  logs = studio_region_logs_finish (region, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (logs, "Jupyter"));

  studio_region_stop_async (region, worker, NULL, store_result, &result2);
  /* While the engine works, the row says so. */
  g_assert_cmpint (studio_worker_get_state (worker), ==, STUDIO_WORKER_STATE_STOPPING);
  g_assert_true (studio_region_stop_finish (region, wait_result (&result2), &error));
  g_assert_no_error (error);
  g_assert_cmpint (studio_worker_get_state (worker), ==, STUDIO_WORKER_STATE_STOPPED);
  g_assert_cmpint (studio_worker_get_seconds_left (worker), ==, -1);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  region = studio_engine_region_new (NULL);
  g_test_add_func ("/local-region/launch-reports-progress", test_launch_reports_progress);
  g_test_add_func ("/local-region/same-name-fails-early", test_second_launch_same_name_fails_early);
  g_test_add_func ("/local-region/live-list-follows-other-processes", test_live_list_follows_other_processes);
  g_test_add_func ("/local-region/keep-running", test_keep_running);
  g_test_add_func ("/local-region/logs-and-stop", test_logs_and_stop);
  status = g_test_run ();
  g_clear_object (&region);
  return status;
}
