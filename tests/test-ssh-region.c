/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A machine over SSH as a region (tests/with-sshd: a real sshd, rootless
 * Podman as its user): the tunnel comes back by itself when its master
 * connection is killed, open Jupyter addresses answer again on the same
 * port, the worker untouched; nothing of the tunnel outlives the region. */
#include <libsoup/soup.h>
#include <signal.h>

#include "studio-error.h"
#include "studio-ssh-region-private.h"
#include "test-helpers.h"

static StudioRegion *region;

static char *
ssh_processes (void)
{
  g_autofree char *pattern = g_strdup_printf ("pgrep -a -f -- 'ssh-%d-'", (int) getpid ());
  g_autofree char *out = NULL;

  g_spawn_command_line_sync (pattern, &out, NULL, NULL, NULL);
  return g_strstrip (g_steal_pointer (&out));
}

static int
master_pid (void)
{
  g_autofree char *list = ssh_processes ();
  g_auto(GStrv) lines = g_strsplit (list, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], " -M ") != NULL)
      return atoi (lines[i]);
  return 0;
}

static guint
get_status (const char *url,
            const char *token)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 2, NULL);
  g_autofree char *address = g_strconcat (url, "api/status", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", address);
  g_autofree char *auth = g_strconcat ("token ", token, NULL);
  g_autoptr(GBytes) body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  return soup_message_get_status (msg);
}

typedef struct { const char *url; const char *token; } Reach;

static gboolean
jupyter_answers (gpointer data)
{
  Reach *reach = data;
  gboolean done = FALSE;

  /* A blocking GET: give the loop (the region's reconnect) its turn too. */
  g_timeout_add (100, timeout_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return get_status (reach->url, reach->token) == 200;
}

static void
test_launch_through_the_tunnel (void)
{
  g_autoptr(StudioLaunchOptions) options = studio_launch_options_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioWorker) ready = NULL;
  StudioWorker *worker;

  studio_region_refresh_async (region, NULL, store_result, &result);
  studio_region_refresh_finish (region, wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_nonnull (strstr (studio_region_get_status (region), "Podman"));

  options->name = test_worker_name ("tunnel");
  options->size = g_strdup ("x-small");
  worker = studio_region_launch_async (region, options, NULL, store_result, &result);
  g_assert_nonnull (worker);
  ready = studio_region_launch_finish (region, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (ready == worker);
  g_assert_cmpint (studio_worker_get_state (worker), ==, STUDIO_WORKER_STATE_READY);
  /* Jupyter on the remote's loopback, through a forward to this one. */
  g_assert_true (g_str_has_prefix (studio_worker_get_jupyter_url (worker), "http://127.0.0.1:"));
  g_assert_cmpuint (get_status (studio_worker_get_jupyter_url (worker), studio_worker_get_token (worker)), ==, 200);
}

/* The master killed (the network gone, the laptop asleep): the region
 * connects again by itself, the worker's address answers again within
 * 5 s, and the worker is the same container, still running. */
static void
test_reconnects_after_the_master_dies (void)
{
  g_autofree char *name = test_worker_name ("tunnel");
  StudioWorker *worker = studio_region_find_worker (region, name);
  g_autofree char *url = NULL;
  g_autofree char *id = NULL;
  Reach reach;
  int pid = master_pid ();
  gint64 killed;

  g_assert_nonnull (worker);
  g_assert_cmpint (pid, >, 0);
  url = g_strdup (studio_worker_get_jupyter_url (worker));
  id = g_strdup (studio_worker_get_id (worker));
  reach.url = url;
  reach.token = studio_worker_get_token (worker);

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  killed = g_get_monotonic_time ();
  g_assert_true (wait_until (jupyter_answers, &reach, 5));
  g_test_message ("Jupyter answered again %.1f s after the master was killed",
                  (g_get_monotonic_time () - killed) / 1e6);
  g_assert_cmpint (master_pid (), !=, pid);
  g_assert_true (studio_region_find_worker (region, name) == worker);
  g_assert_cmpstr (studio_worker_get_id (worker), ==, id);
  g_assert_cmpstr (studio_worker_get_jupyter_url (worker), ==, url);
  g_assert_cmpint (studio_worker_get_state (worker), ==, STUDIO_WORKER_STATE_READY);
}

/* The engine stopped answering while the master stayed up (its service
 * restarted): the region finds it again through the same master, whose
 * earlier forward of its socket does not stand in the way. */
static void
test_engine_found_again_through_the_master (void)
{
  g_autofree char *name = test_worker_name ("tunnel");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int pid = master_pid ();

  g_assert_cmpint (pid, >, 0);
  for (guint round = 0; round < 2; round++)
    {
      studio_engine_disconnect (studio_engine_region_get_engine (STUDIO_ENGINE_REGION (region)));
      studio_region_refresh_async (region, NULL, store_result, &result);
      studio_region_refresh_finish (region, wait_result (&result), &error);
      g_assert_no_error (error);
      g_clear_object (&result);
      g_assert_nonnull (studio_region_find_worker (region, name));
    }
  g_assert_cmpint (master_pid (), ==, pid);
}

static void
test_terminate (void)
{
  g_autofree char *name = test_worker_name ("tunnel");
  StudioWorker *worker = studio_region_find_worker (region, name);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  studio_region_terminate_async (region, worker, NULL, store_result, &result);
  g_assert_true (studio_region_terminate_finish (region, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_null (studio_region_find_worker (region, name));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
no_ssh_left (gpointer data)
{
  g_autofree char *left = ssh_processes ();

  return *left == '\0';
}

/* The region gone (what it had under way finished), its master goes with
 * it, and its private folder. */
static void
test_nothing_left (void)
{
  g_autofree char *left = ssh_processes ();
  g_autofree char *control = NULL;
  g_autofree char *dir = NULL;
  gpointer weak = region;

  g_assert_cmpstr (left, !=, "");
  control = g_strdup (strstr (left, " -S ") + 4);
  *strchr (control, ' ') = '\0';
  dir = g_path_get_dirname (control);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  studio_region_set_watched (region, FALSE);
  g_object_add_weak_pointer (G_OBJECT (region), &weak);
  g_clear_object (&region);
  g_assert_true (wait_until (is_null, &weak, 10));
  g_assert_true (wait_until (no_ssh_left, NULL, 5));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_autofree char *host_key = NULL;
  g_autofree char *url = g_strdup_printf ("ssh://%s", g_getenv ("AI_STUDIO_TEST_SSH_HOST"));
  int status;

  g_test_init (&argc, &argv, NULL);
  g_spawn_command_line_sync ("sh -c 'ssh-keygen -lf \"$AI_STUDIO_TEST_DIR/ssh/host_key.pub\" | cut -d\" \" -f2'",
                             &host_key, NULL, NULL, NULL);
  region = g_object_new (STUDIO_TYPE_SSH_REGION, "id", "machine", "url", url,
                         "host-key", g_strstrip (host_key), NULL);
  studio_region_set_watched (region, TRUE);
  g_test_add_func ("/ssh-region/launch-through-the-tunnel", test_launch_through_the_tunnel);
  g_test_add_func ("/ssh-region/reconnects-after-the-master-dies", test_reconnects_after_the_master_dies);
  g_test_add_func ("/ssh-region/engine-found-again-through-the-master", test_engine_found_again_through_the_master);
  g_test_add_func ("/ssh-region/terminate", test_terminate);
  g_test_add_func ("/ssh-region/nothing-left", test_nothing_left);
  status = g_test_run ();
  g_clear_object (&region);
  return status;
}
