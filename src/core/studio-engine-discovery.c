/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Finding a Docker-compatible engine: the environment's choice, the usual
 * sockets, and as a last resort a Podman service of our own. */
#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "studio-engine-private.h"
#include "studio-util.h"
#include "studio-error.h"

#define SERVICE_IDLE_SECONDS "600"
#define SERVICE_WAIT_ROUNDS  150   /* x 100 ms */

static const char *
unix_path (const char *address)
{
  return g_str_has_prefix (address, "unix://") ? address + strlen ("unix://") : address;
}

SoupSession *
studio_engine_session_new (const char *address)
{
  g_autoptr(GSocketAddress) socket_address = g_unix_socket_address_new (unix_path (address));

  return soup_session_new_with_options ("remote-connectable", socket_address,
                                        "proxy-resolver", NULL,
                                        "user-agent", "ai-studio/" PACKAGE_VERSION,
                                        "max-conns-per-host", 16,
                                        NULL);
}

char *
studio_engine_private_socket_path (void)
{
  const char *runtime = g_getenv ("XDG_RUNTIME_DIR");
  g_autofree char *dir = NULL;

  if (runtime != NULL && g_file_test (runtime, G_FILE_TEST_IS_DIR))
    dir = g_build_filename (runtime, "ai-studio", NULL);
  else
    dir = g_strdup_printf ("%s/ai-studio-%u", g_get_tmp_dir (), (guint) getuid ());
  return g_build_filename (dir, "podman.sock", NULL);
}

/* The folder of our own Podman socket may sit in a shared /tmp, under a name
 * anyone can predict: it must be a real folder of ours that no one else can
 * enter, or another user could put an engine of theirs in our path. Creates it
 * (0700) when missing. */
gboolean
studio_engine_check_private_dir (const char  *dir,
                                 GError     **error)
{
  GError *local_error = NULL;

  if (studio_util_check_private_dir (dir, _("its own Podman socket"), &local_error))
    return TRUE;
  /* Without it, AI Studio has no engine of its own to start. */
  local_error->code = STUDIO_ERROR_NO_ENGINE;
  g_propagate_error (error, local_error);
  return FALSE;
}

/* CONTAINER_HOST or DOCKER_HOST, when set, is the only choice, as for the
 * podman and docker clients; otherwise the usual places, ours last. */
char **
studio_engine_candidate_addresses (gboolean *explicit_choice)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *env_vars[] = { "CONTAINER_HOST", "DOCKER_HOST" };
  const char *runtime = g_getenv ("XDG_RUNTIME_DIR");
  g_autofree char *ours = studio_engine_private_socket_path ();

  for (guint i = 0; i < G_N_ELEMENTS (env_vars); i++)
    {
      const char *value = g_getenv (env_vars[i]);

      if (value != NULL && *value != '\0')
        {
          *explicit_choice = TRUE;
          g_strv_builder_add (builder, value);
          return g_strv_builder_end (builder);
        }
    }

  *explicit_choice = FALSE;
  if (runtime != NULL)
    {
      g_autofree char *user_socket = g_strdup_printf ("unix://%s/podman/podman.sock", runtime);
      g_strv_builder_add (builder, user_socket);
    }
  g_strv_builder_add (builder, "unix:///run/podman/podman.sock");
  g_strv_builder_add (builder, "unix:///var/run/docker.sock");
  {
    g_autofree char *ours_address = g_strconcat ("unix://", ours, NULL);
    g_autofree char *ours_dir = g_path_get_dirname (ours);

    /* A socket in a folder someone else controls is not ours to trust. */
    if (studio_engine_check_private_dir (ours_dir, NULL))
      g_strv_builder_add (builder, ours_address);
  }
  return g_strv_builder_end (builder);
}

typedef struct
{
  char **candidates;
  guint index;
  gboolean explicit_choice;
  gboolean may_spawn;
  gboolean spawned;
  guint wait_rounds;
  SoupSession *session;
  SoupMessage *msg;
  char *notice;
} FindData;

static void
find_data_free (FindData *data)
{
  g_strfreev (data->candidates);
  g_clear_object (&data->session);
  g_clear_object (&data->msg);
  g_free (data->notice);
  g_free (data);
}

static void ping_next (GTask *task);

/* From the ping's Server header ("Libpod/4.3.1 (linux)", "Docker/24.0.7 (linux)"):
 * asking /version instead costs Podman a quarter of a second. */
static char *
describe_engine (SoupMessage *msg)
{
  const char *server = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Server");
  g_autofree char *product = NULL;
  const char *slash, *end;

  if (server == NULL || (slash = strchr (server, '/')) == NULL)
    return g_strdup (_("Container engine"));
  product = g_strndup (server, slash - server);
  end = strchr (slash, ' ');
  return g_strdup_printf ("%s %.*s", g_str_equal (product, "Libpod") ? "Podman" : product,
                          (int) (end ? end - slash - 1 : (gssize) strlen (slash + 1)), slash + 1);
}

static void
ping_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FindData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  if (bytes != NULL)
    {
      gsize len;
      const char *body = g_bytes_get_data (bytes, &len);

      if (len >= 2 && strncmp (body, "OK", 2) == 0)
        {
          g_object_set_data_full (G_OBJECT (task), "notice", g_steal_pointer (&data->notice), g_free);
          g_object_set_data_full (G_OBJECT (task), "description", describe_engine (data->msg), g_free);
          g_task_return_pointer (task, g_strdup (data->candidates[data->index]), g_free);
          return;
        }
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->spawned)
    {
      /* Our own service is coming up: give it a moment. */
      if (++data->wait_rounds < SERVICE_WAIT_ROUNDS)
        {
          studio_util_task_later (g_steal_pointer (&task), 100, ping_next);
          return;
        }
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE,
                               _("Podman's service did not start at %s. Run “podman system service” "
                                 "yourself to see why, or start its socket with "
                                 "“systemctl --user enable --now podman.socket”."),
                               data->candidates[data->index]);
      return;
    }

  data->index++;
  ping_next (g_steal_pointer (&task));
}

static gboolean
spawn_podman_service (FindData  *data,
                      GError   **error)
{
  g_autofree char *podman = g_find_program_in_path ("podman");
  g_autofree char *path = studio_engine_private_socket_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *address = g_strconcat ("unix://", path, NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;

  if (podman == NULL)
    return FALSE;

  if (!studio_engine_check_private_dir (dir, error))
    return FALSE;
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_INHERIT |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  /* Its own session, so that it outlives a CLI that started it; it exits when idle. */
  g_subprocess_launcher_set_child_setup (launcher, (GSpawnChildSetupFunc) (void (*) (void)) setsid, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, error, podman, "system", "service",
                                         "--time=" SERVICE_IDLE_SECONDS, address, NULL);
  if (process == NULL)
    return FALSE;

  g_strfreev (data->candidates);
  data->candidates = g_new0 (char *, 2);
  data->candidates[0] = g_steal_pointer (&address);
  data->index = 0;
  data->spawned = TRUE;
  data->notice = g_strdup_printf (_("No container engine was running, so AI Studio started "
                                    "Podman's service at %s; it stops after %s seconds unused."),
                                  data->candidates[0], SERVICE_IDLE_SECONDS);
  return TRUE;
}

static void
ping_next (GTask *task)
{
  FindData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (data->candidates[data->index] == NULL)
    {
      if (!data->explicit_choice && data->may_spawn && !data->spawned && spawn_podman_service (data, &error))
        {
          ping_next (task);
          return;
        }
      if (data->explicit_choice)
        g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE,
                                 _("No container engine answers at %s. Start Podman's service there, "
                                   "or unset CONTAINER_HOST and DOCKER_HOST to use the usual sockets."),
                                 data->candidates[0]);
      else if (error != NULL)
        g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE,
                                 _("No container engine is running and Podman could not be started: %s"),
                                 error->message);
      else
        g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE,
                                 _("No container engine was found. Install Podman "
                                   "(sudo apt install podman) or start Docker, then try again."));
      g_object_unref (task);
      return;
    }

  if (!g_str_has_prefix (data->candidates[data->index], "unix://") &&
      !g_path_is_absolute (data->candidates[data->index]))
    {
      if (data->explicit_choice)
        {
          g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE,
                                   _("%s is not a Unix socket; AI Studio reaches engines on this "
                                     "computer through unix:// addresses only."),
                                   data->candidates[data->index]);
          g_object_unref (task);
          return;
        }
      data->index++;
      ping_next (task);
      return;
    }

  g_clear_object (&data->session);
  g_clear_object (&data->msg);
  data->session = studio_engine_session_new (data->candidates[data->index]);
  g_object_set (data->session, "timeout", 10, NULL);
  data->msg = soup_message_new ("GET", "http://localhost/_ping");
  soup_session_send_and_read_async (data->session, data->msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), ping_cb, task);
}

/* address: the engine's, or NULL to look in the usual places; may_spawn:
 * start Podman's service when none answers there (not on every retry). */
void
studio_engine_find_async (const char          *address,
                          gboolean             may_spawn,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  FindData *data = g_new0 (FindData, 1);

  g_task_set_source_tag (task, studio_engine_find_async);
  if (address != NULL)
    {
      data->candidates = g_new0 (char *, 2);
      data->candidates[0] = g_strdup (address);
      data->explicit_choice = TRUE;
    }
  else
    data->candidates = studio_engine_candidate_addresses (&data->explicit_choice);
  data->may_spawn = may_spawn;
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_free);
  ping_next (task);
}

char *
studio_engine_find_finish (GAsyncResult  *result,
                           char         **description,
                           char         **notice,
                           GError       **error)
{
  if (description != NULL)
    *description = g_strdup (g_object_get_data (G_OBJECT (result), "description"));
  if (notice != NULL)
    *notice = g_strdup (g_object_get_data (G_OBJECT (result), "notice"));
  return g_task_propagate_pointer (G_TASK (result), error);
}
