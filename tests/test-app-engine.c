/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window and its regions' engines: an engine that starts after the app
 * is noticed by itself; the idle warning comes for every region's workers,
 * not only the one shown. */
#include <adwaita.h>

#include "aistudio.h"
#include "studio-hub-region-private.h"
#include "studio-regions-private.h"
#include "test-app.h"
#include "test-helpers.h"
static gboolean
socket_answers (const char *path)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (path);
  g_autoptr(GSocketConnection) connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, NULL);

  return connection != NULL;
}

void
test_no_engine (void)
{
  const char *late = g_getenv ("AI_STUDIO_LATE_ENGINE");
  g_autoptr(GSubprocess) service = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  gint64 answered = 0, shown = 0;

  g_assert_true (wait_until (page_loaded, NULL, 20));
  g_assert_cmpstr (studio_workers_page_get_visible_page (page ()), ==, "no-engine");
  screenshot ("11-no-engine");
  if (late == NULL)
    return;

  /* The engine starts after the app: the window notices by itself, no Retry pressed. */
  settle (3000);
  g_assert_cmpstr (studio_workers_page_get_visible_page (page ()), ==, "no-engine");
  address = g_strconcat ("unix://", late, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_unsetenv (launcher, "CONTAINER_HOST");   /* else podman acts as a remote client */
  service = g_subprocess_launcher_spawn (launcher, &error, "podman", "system", "service", "--time=0", address, NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 300 && shown == 0; i++)
    {
      settle (100);
      if (answered == 0 && socket_answers (late))
        answered = g_get_monotonic_time ();
      if (g_strcmp0 (studio_workers_page_get_visible_page (page ()), "no-engine") != 0)
        shown = g_get_monotonic_time ();
    }
  g_assert_cmpint (answered, >, 0);
  g_assert_cmpint (shown, >, 0);
  g_test_message ("the window showed the engine %.1f s after it answered", (shown - answered) / 1e6);
  g_assert_cmpint (shown - answered, <=, 5 * G_USEC_PER_SEC);
  g_assert_true (studio_region_get_available (studio_workers_page_get_region (page ())));
  screenshot ("12-engine-came-back");
  g_subprocess_force_exit (service);
  g_subprocess_wait (service, NULL, NULL);
}

static gboolean
idle_notification_logged (gpointer data)
{
  g_autofree char *log = NULL;

  g_file_get_contents (g_getenv ("AI_STUDIO_NOTIFICATIONS"), &log, NULL, NULL);
  return log != NULL && strstr (log, data) != NULL && strstr (log, "will shut down soon") != NULL &&
         strstr (log, "Keep Running") != NULL;
}

/* The five-minute warning comes for every region's workers, not only for the
 * region the window shows. */
void
test_idle_warning_in_any_region (void)
{
  StudioRegion *local = studio_application_find_region (app, "This Computer");
  g_autoptr(StudioRegion) elsewhere = studio_hub_region_new ("elsewhere", "http://127.0.0.1:9", "x");
  g_autoptr(StudioLaunchOptions) options = studio_launch_options_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioWorker) worker = NULL;
  g_autofree char *name = test_worker_name ("ui-idle");
  g_autofree char *title = g_strdup_printf ("Worker %s will shut down soon", name);

  g_assert_nonnull (local);
  studio_regions_put (studio_application_get_regions (app), elsewhere);
  g_assert_true (studio_workers_page_select_region (page (), elsewhere));
  settle (300);
  g_assert_true (studio_workers_page_get_region (page ()) == elsewhere);

  options->name = g_strdup (name);
  options->size = g_strdup ("x-small");
  options->auto_shutdown_minutes = 5;   /* so the warning is due at once */
  worker = studio_region_launch_async (local, options, NULL, store_result, &result);
  g_object_ref (worker);
  g_assert_nonnull (studio_region_launch_finish (local, wait_result (&result), &error));
  g_assert_no_error (error);

  g_assert_true (wait_until (idle_notification_logged, title, 20));
  screenshot ("13-idle-warning-other-region");
  g_assert_true (studio_workers_page_select_region (page (), local));
  studio_regions_take_out (studio_application_get_regions (app), elsewhere);
  g_clear_object (&result);
  studio_region_terminate_async (local, worker, NULL, store_result, &result);
  g_assert_true (studio_region_terminate_finish (local, wait_result (&result), NULL));
}
