/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An SSH region's engine on the machine: found by a script run through the
 * master (rootless Podman's socket, its service started when it is not
 * running; else Docker's), its socket forwarded into the private folder,
 * and pinged through it. */
#include <glib/gstdio.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "studio-compat.h"
#include "studio-engine-private.h"
#include "studio-error.h"
#include "studio-ssh-region-private.h"
#include "studio-util.h"

/* Run on the remote (sh -s): finds its engine, starting rootless Podman's
 * service when it is not running, as Podman's own remote client relies on
 * systemd to. Prints "podman VERSION SOCKET", "docker - SOCKET",
 * "denied SOCKET" or "none". $1 = "restart": the socket is stale. */
static const char remote_script[] =
  "uid=$(id -u)\n"
  "rt=${XDG_RUNTIME_DIR:-/run/user/$uid}\n"
  "if command -v podman >/dev/null 2>&1; then\n"
  "  if [ \"$uid\" = 0 ]; then sock=/run/podman/podman.sock; else sock=$rt/podman/podman.sock; fi\n"
  "  if { [ ! -S \"$sock\" ] || [ \"${1:-}\" = restart ]; } && mkdir -p \"${sock%/*}\" 2>/dev/null; then\n"
  /* One service, when two clients start it at once; a socket is removed
   * only when nothing answers on it. */
  "    if command -v flock >/dev/null 2>&1; then exec 9>\"${sock%/*}/ai-studio.lock\"; flock -w 20 9; fi\n"
  "    if [ \"${1:-}\" = restart ] && [ -S \"$sock\" ] &&\n"
  "       ! podman --remote --url \"unix://$sock\" version >/dev/null 2>&1; then rm -f \"$sock\"; fi\n"
  "    if [ ! -S \"$sock\" ]; then\n"
  "      if command -v setsid >/dev/null 2>&1; then s=setsid; else s=nohup; fi\n"
  "      ($s podman system service --time=600 \"unix://$sock\" </dev/null >/dev/null 2>&1 9>&- &)\n"
  /* Until it answers: its socket exists before it listens. */
  "      i=0; while [ $i -lt 150 ] && ! { [ -S \"$sock\" ] &&\n"
  "            podman --remote --url \"unix://$sock\" version >/dev/null 2>&1; }; do sleep 0.1; i=$((i+1)); done\n"
  "    fi\n"
  "    exec 9>&-\n"
  "  fi\n"
  "  if [ -S \"$sock\" ]; then echo \"podman $(podman --version 2>/dev/null | awk '{print $NF}') $sock\"; exit 0; fi\n"
  "fi\n"
  "d=${DOCKER_HOST:-unix:///var/run/docker.sock}; d=${d#unix://}\n"
  "if [ -S \"$d\" ]; then\n"
  "  if [ -r \"$d\" ] && [ -w \"$d\" ]; then echo \"docker - $d\"; else echo \"denied $d\"; fi\n"
  "  exit 0\n"
  "fi\n"
  "echo none\n";

typedef struct
{
  StudioSshRegion *self;
  gboolean restarted;
} ScriptData;

static void
remote_script_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ScriptData *data = user_data;
  g_autoptr(StudioSshRegion) self = data->self;
  gboolean restarted = data->restarted;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;

  g_free (data);
  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &out, &err, &error))
    {
      ssh_region_complete_pending (self, error);
      return;
    }
  words = g_strsplit (g_strstrip (out ?: g_strdup ("")), " ", 3);
  if (g_strv_length (words) == 3 && g_str_equal (words[0], "podman") && atoi (words[1]) < SSH_MIN_PODMAN)
    {
      /* Its REST API is Podman 3's; older ones lack what AI Studio asks of it. */
      error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE,
                           _("Podman %s on %s is too old: AI Studio needs Podman %d or later there. "
                             "Update it (or install Docker), then retry."),
                           words[1], self->destination, SSH_MIN_PODMAN);
      ssh_region_complete_pending (self, error);
      return;
    }
  if (g_strv_length (words) == 3 && (g_str_equal (words[0], "podman") || g_str_equal (words[0], "docker")))
    {
      g_autofree char *local = ssh_region_path (self, SSH_ENGINE_SOCKET);
      g_autofree char *forward = g_strconcat (local, ":", words[2], NULL);

      /* The master ignores a forward it has already made: the one made
       * before (to a socket now stale) goes first. */
      if (self->engine_forward != NULL)
        ssh_region_control (self, "cancel", self->engine_forward, NULL);
      g_clear_pointer (&self->engine_forward, g_free);
      g_unlink (local);
      if (!ssh_region_control (self, "forward", forward, &error))
        {
          ssh_region_complete_pending (self, error);
          return;
        }
      self->engine_forward = g_steal_pointer (&forward);
      ssh_region_engine_found (self, restarted);
      return;
    }
  if (g_strv_length (words) == 2 && g_str_equal (words[0], "denied"))
    error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE,
                         _("Docker runs on %s, but its socket %s is not yours to use. Ask its administrator "
                           "to add you to the “docker” group, or install Podman there."),
                         self->destination, words[1]);
  else if (g_strv_length (words) == 1 && g_str_equal (words[0], "none"))
    error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE,
                         _("%s has no container engine. Install Podman there (“sudo apt install podman”), "
                           "or Docker, then retry."), self->destination);
  else
    error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE,
                         _("AI Studio could not find the container engine on %s: %s"), self->destination,
                         g_strstrip (err ?: g_strdup ("")));
  ssh_region_complete_pending (self, error);
}

void
ssh_region_run_remote_script (StudioSshRegion *self,
                   gboolean         restart)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GSubprocessLauncher) launcher = ssh_region_launcher (self, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  ScriptData *data;

  ssh_region_add_common_args (self, builder);
  g_strv_builder_add_many (builder, "-T", "-o", "ControlMaster=no", "--", self->destination,
                           restart ? "sh -s restart" : "sh -s", NULL);
  argv = g_strv_builder_end (builder);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  if (process == NULL)
    {
      ssh_region_complete_pending (self, error);
      return;
    }
  data = g_new0 (ScriptData, 1);
  data->self = g_object_ref (self);
  data->restarted = restart;
  g_subprocess_communicate_utf8_async (process, remote_script, NULL, remote_script_cb, data);
}

static void
ping_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ScriptData *data = user_data;
  g_autoptr(StudioSshRegion) self = data->self;
  gboolean restarted = data->restarted;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  g_free (data);
  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body != NULL && SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    {
      GHashTableIter iter;
      gpointer remote;

      /* The ports of workers seen before, on the same local ports. */
      g_hash_table_iter_init (&iter, self->forwards);
      while (g_hash_table_iter_next (&iter, &remote, NULL))
        ssh_region_forward_port (self, GPOINTER_TO_UINT (remote));
      ssh_region_complete_pending (self, NULL);
      return;
    }
  if (!restarted)
    {
      /* A socket left by a service that is gone. */
      ssh_region_run_remote_script (self, TRUE);
      return;
    }
  g_clear_error (&error);
  error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE,
                       _("The container engine on %s does not answer. Run “podman info” there to see why."),
                       self->destination);
  ssh_region_complete_pending (self, error);
}

/* The remote engine's socket is forwarded: does it answer? */
void
ssh_region_engine_found (StudioSshRegion *self,
              gboolean         restarted)
{
  g_autofree char *local = ssh_region_path (self, SSH_ENGINE_SOCKET);
  g_autoptr(SoupSession) session = studio_engine_session_new (local);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", "http://localhost/_ping");
  ScriptData *data = g_new0 (ScriptData, 1);

  g_object_set (session, "timeout", 20, NULL);
  data->self = g_object_ref (self);
  data->restarted = restarted;
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, ping_cb, data);
}
