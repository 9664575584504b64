/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A machine reached with OpenSSH (kind "ssh"): the Podman or Docker engine
 * on it, as This Computer's, through a master connection this process owns.
 * The system's ssh client is the transport, so the user's ~/.ssh/config,
 * agent, keys, ProxyJump and known_hosts apply. In a private 0700 folder of
 * the runtime folder: the master's control socket, the remote engine's
 * socket forwarded to a local one, and the helper that answers ssh's
 * questions. A worker's Jupyter port is forwarded to a loopback port of this
 * computer when a worker is seen with it, and the same port again after a
 * reconnect, so that open tabs come back. What ssh asks and says is
 * studio-ssh-region-ask.c; the engine on the machine, studio-ssh-region-remote.c. */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "studio-compat.h"
#include "studio-engine-private.h"
#include "studio-error.h"
#include "studio-image-copy-private.h"
#include "studio-ssh-region-private.h"
#include "studio-util.h"

G_DEFINE_FINAL_TYPE (StudioSshRegion, studio_ssh_region, STUDIO_TYPE_ENGINE_REGION)

enum {
  PROP_0,
  PROP_HOST_KEY,
  PROP_SHOWN_HOST_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const settings[] = { "url", NULL };

static void
studio_ssh_region_init (StudioSshRegion *self)
{
  self->forwards = g_hash_table_new (NULL, NULL);
  self->forwarded = g_hash_table_new (NULL, NULL);
}

char *
ssh_region_path (StudioSshRegion *self,
         const char      *name)
{
  return g_build_filename (self->dir, name, NULL);
}

/* The user's own config, except where a test gives one (OpenSSH reads
 * ~/.ssh/config from the passwd entry's home, not from $HOME). */
void
ssh_region_add_common_args (StudioSshRegion *self,
                 GStrvBuilder    *args)
{
  const char *config = g_getenv ("AI_STUDIO_SSH_CONFIG");
  g_autofree char *control = ssh_region_path (self, SSH_CONTROL);

  g_strv_builder_add (args, "ssh");
  if (config != NULL && *config != '\0')
    g_strv_builder_add_many (args, "-F", config, NULL);
  g_strv_builder_add_many (args, "-S", control, NULL);
  if (self->login != NULL)
    g_strv_builder_add_many (args, "-l", self->login, NULL);
  if (self->port != 0)
    {
      g_autofree char *port = g_strdup_printf ("%u", self->port);
      g_strv_builder_add_many (args, "-p", port, NULL);
    }
}

GSubprocessLauncher *
ssh_region_launcher (StudioSshRegion  *self,
              GSubprocessFlags  flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);
  g_autofree char *askpass = ssh_region_path (self, SSH_ASKPASS_FILE);
  g_autofree char *answer = ssh_region_path (self, SSH_ANSWER);

  g_subprocess_launcher_setenv (launcher, "SSH_ASKPASS", askpass, TRUE);
  g_subprocess_launcher_setenv (launcher, "SSH_ASKPASS_REQUIRE", "force", TRUE);
  g_subprocess_launcher_setenv (launcher, "AI_STUDIO_SSH_ANSWER", answer, TRUE);
  if (self->host_key != NULL)
    g_subprocess_launcher_setenv (launcher, "AI_STUDIO_SSH_HOST_KEY", self->host_key, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "AI_STUDIO_SSH_HOST_KEY");
  return launcher;
}

/* A control command to the master (-O forward; -O check, forward NULL):
 * answered by the local master, at once. */
gboolean
ssh_region_control (StudioSshRegion  *self,
              const char       *command,
              const char       *forward,
              GError          **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GSubprocessLauncher) launcher = ssh_region_launcher (self, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *err = NULL;

  ssh_region_add_common_args (self, builder);
  g_strv_builder_add_many (builder, "-O", command, NULL);
  if (forward != NULL)
    g_strv_builder_add_many (builder, "-L", forward, NULL);
  g_strv_builder_add_many (builder, "--", self->destination, NULL);
  argv = g_strv_builder_end (builder);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, error))
    return FALSE;
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_FAILED, _("ssh could not %s %s: %s"),
                   command, forward ?: self->destination, g_strstrip (err ?: g_strdup ("")));
      return FALSE;
    }
  return TRUE;
}

static guint
free_loopback_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  if (socket == NULL || !g_socket_bind (socket, any, FALSE, NULL) ||
      (bound = g_socket_get_local_address (socket, NULL)) == NULL)
    return 0;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* Forwards a loopback port here to the remote's loopback port; the same
 * local port as before where it is still free. */
gboolean
ssh_region_forward_port (StudioSshRegion *self,
              guint            remote)
{
  guint local = GPOINTER_TO_UINT (g_hash_table_lookup (self->forwards, GUINT_TO_POINTER (remote)));

  if (g_hash_table_contains (self->forwarded, GUINT_TO_POINTER (remote)))
    return TRUE;
  if (self->master == NULL)
    return FALSE;
  for (int attempt = 0; attempt < 3; attempt++)
    {
      g_autofree char *forward = NULL;
      g_autoptr(GError) error = NULL;

      if (local == 0 && (local = free_loopback_port ()) == 0)
        return FALSE;
      forward = g_strdup_printf ("127.0.0.1:%u:127.0.0.1:%u", local, remote);
      if (ssh_region_control (self, "forward", forward, &error))
        {
          g_hash_table_insert (self->forwards, GUINT_TO_POINTER (remote), GUINT_TO_POINTER (local));
          g_hash_table_add (self->forwarded, GUINT_TO_POINTER (remote));
          return TRUE;
        }
      g_debug ("%s", error->message);
      /* Taken by another program meanwhile: another port. */
      local = 0;
    }
  return FALSE;
}

static char *
studio_ssh_region_reach_port (StudioEngineRegion *region,
                              guint               port)
{
  StudioSshRegion *self = STUDIO_SSH_REGION (region);
  guint local;

  ssh_region_forward_port (self, port);
  local = GPOINTER_TO_UINT (g_hash_table_lookup (self->forwards, GUINT_TO_POINTER (port)));
  /* Down now: the port it will have again once the master is back. */
  return local ? g_strdup_printf ("http://127.0.0.1:%u/", local) : NULL;
}

/* ---- the master connection ------------------------------------------------ */

void
ssh_region_complete_pending (StudioSshRegion *self,
                  const GError    *error)
{
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->pending);

  self->connecting = FALSE;
  studio_util_tasks_return (tasks, error);
}

static void
stop_master (StudioSshRegion *self)
{
  if (self->master != NULL)
    {
      g_subprocess_send_signal (self->master, SIGTERM);
      g_clear_object (&self->master);
    }
  g_hash_table_remove_all (self->forwarded);
  g_clear_pointer (&self->engine_forward, g_free);
}

/* What reads a master's errors holds the region weakly: the region going
 * away is what stops its master. */
typedef struct
{
  GWeakRef self;
  GSubprocess *process;
} MasterWatch;

static void
master_watch_free (MasterWatch *watch)
{
  g_weak_ref_clear (&watch->self);
  g_object_unref (watch->process);
  g_free (watch);
}

/* The master ended (its errors are all read): the connection dropped
 * (network, sleep, killed) or never came up. Everything through it is
 * gone; the next call to the engine connects again. */
static void
master_gone (StudioSshRegion *self)
{
  GMountOperation *operation = studio_region_get_interaction (STUDIO_REGION (self));

  if (self->reply_id != 0 && operation != NULL)
    {
      /* ssh gave up while the user was asked: the question is withdrawn. */
      g_clear_signal_handler (&self->reply_id, operation);
      g_signal_emit_by_name (operation, "aborted");
    }
  self->asking = FALSE;
  g_clear_object (&self->master);
  g_hash_table_remove_all (self->forwarded);
  g_clear_pointer (&self->engine_forward, g_free);
  studio_engine_disconnect (studio_engine_region_get_engine (STUDIO_ENGINE_REGION (self)));
  if (self->connecting)
    {
      g_autoptr(GError) error = ssh_region_master_error (self, self->master_errors ? self->master_errors->str : NULL);
      ssh_region_complete_pending (self, error);
    }
  else if (studio_region_has_live_updates (STUDIO_REGION (self)))
    {
      g_autofree char *status = g_strdup_printf (_("Reconnecting to %s…"), self->destination);

      /* It was up: connect again at once (while the machine does not answer,
       * the watcher looks again after 1, 2, then every 4 s). */
      studio_region_set_status (STUDIO_REGION (self), studio_region_get_available (STUDIO_REGION (self)), status);
      studio_region_refresh_async (STUDIO_REGION (self), NULL, NULL, NULL);
    }
}

static void
read_errors_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  MasterWatch *watch = user_data;
  g_autoptr(StudioSshRegion) self = g_weak_ref_get (&watch->self);
  GInputStream *stream = G_INPUT_STREAM (object);
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (stream, result, NULL);

  if (self == NULL || self->master != watch->process)
    {
      master_watch_free (watch);
      return;
    }
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      master_watch_free (watch);
      master_gone (self);
      return;
    }
  if (self->master_errors->len < SSH_STDERR_LIMIT)
    {
      g_string_append_len (self->master_errors, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      ssh_region_scan_questions (self);
    }
  g_input_stream_read_bytes_async (stream, 1024, G_PRIORITY_DEFAULT, NULL, read_errors_cb, watch);
}

static void
die_with_parent (gpointer data)
{
  /* The master goes when this process does, also when it is killed. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
weak_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static gboolean
master_up_tick (gpointer user_data)
{
  g_autoptr(StudioSshRegion) self = g_weak_ref_get (user_data);
  g_autofree char *control = NULL;
  static const guint interval = 20;
  guint *waited;

  if (self == NULL || self->master == NULL || !self->connecting)
    return G_SOURCE_REMOVE;   /* it ended: master_gone () says why */
  control = ssh_region_path (self, SSH_CONTROL);
  if (g_file_test (control, G_FILE_TEST_EXISTS))
    {
      ssh_region_run_remote_script (self, FALSE);
      return G_SOURCE_REMOVE;
    }
  waited = g_object_get_data (G_OBJECT (self->master), "waited");
  if (self->asking || (*waited += interval) < SSH_LOGIN_TIMEOUT_MS)
    return G_SOURCE_CONTINUE;   /* a person answering takes the time they need */
  stop_master (self);
  {
    g_autoptr(GError) error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_UNREACHABLE,
                                           _("%s did not let AI Studio log in within %u seconds."),
                                           self->destination, SSH_LOGIN_TIMEOUT_MS / 1000);
    ssh_region_complete_pending (self, error);
  }
  return G_SOURCE_REMOVE;
}

static void
remove_private_dir (const char *dir)
{
  static const char * const names[] = { SSH_CONTROL, SSH_ENGINE_SOCKET, SSH_ASKPASS_FILE, SSH_ANSWER };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* The folders of processes that ended without removing theirs (killed). */
static void
sweep_dead_folders (const char *base)
{
  g_autoptr(GDir) listing = g_dir_open (base, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      int pid;

      if (sscanf (name, "ssh-%d-", &pid) == 1 && pid > 0 && pid != getpid () &&
          kill (pid, 0) != 0 && errno == ESRCH)
        {
          g_autofree char *dir = g_build_filename (base, name, NULL);
          remove_private_dir (dir);
        }
    }
}

static gboolean
start_master (StudioSshRegion  *self,
              GError          **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *control = NULL;
  g_autofree char *askpass = NULL;
  GInputStream *errors;
  MasterWatch *watch;
  GWeakRef *tick;
  g_autoptr(GSource) source = NULL;

  {
    g_autofree char *base = g_path_get_dirname (self->dir);
    sweep_dead_folders (base);
  }
  if (!studio_util_check_private_dir (self->dir, _("its SSH connections"), error))
    return FALSE;
  control = ssh_region_path (self, SSH_CONTROL);
  askpass = ssh_region_path (self, SSH_ASKPASS_FILE);
  /* A control socket left behind would make ssh disable multiplexing. */
  g_unlink (control);
  if (!g_file_set_contents_full (askpass, ssh_region_askpass_script, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0700, error))
    return FALSE;
  {
    g_autofree char *fifo = ssh_region_path (self, SSH_ANSWER);

    g_unlink (fifo);
    if (mkfifo (fifo, 0600) != 0)
      {
        int saved = errno;
        g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_FAILED, _("Cannot make %s: %s"), fifo, g_strerror (saved));
        return FALSE;
      }
  }
  self->scanned = 0;

  ssh_region_add_common_args (self, builder);
  g_strv_builder_add_many (builder, "-M", "-N", "-n", "-T",
                           "-o", "ControlPersist=no",
                           /* Unknown keys come to AI Studio, whatever the config says. */
                           "-o", "StrictHostKeyChecking=ask",
                           "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=2",
                           "-o", "ConnectTimeout=10",
                           "-o", "ExitOnForwardFailure=no",
                           "-o", "StreamLocalBindUnlink=yes",
                           "-o", "StreamLocalBindMask=0177",
                           "--", self->destination, NULL);
  argv = g_strv_builder_end (builder);
  launcher = ssh_region_launcher (self, G_SUBPROCESS_FLAGS_STDIN_INHERIT | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                 G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->master = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, error);
  if (self->master == NULL)
    return FALSE;
  g_object_set_data_full (G_OBJECT (self->master), "waited", g_new0 (guint, 1), g_free);
  if (self->master_errors != NULL)
    g_string_free (self->master_errors, TRUE);
  self->master_errors = g_string_new (NULL);
  watch = g_new0 (MasterWatch, 1);
  g_weak_ref_init (&watch->self, self);
  watch->process = g_object_ref (self->master);
  errors = g_subprocess_get_stderr_pipe (self->master);
  g_input_stream_read_bytes_async (errors, 1024, G_PRIORITY_DEFAULT, NULL, read_errors_cb, watch);
  tick = g_new0 (GWeakRef, 1);
  g_weak_ref_init (tick, self);
  /* On the caller's context: a blocking call runs its own (studio-sync.c). */
  source = g_timeout_source_new (20);
  g_source_set_callback (source, master_up_tick, tick, weak_free);
  g_source_attach (source, g_main_context_get_thread_default ());
  return TRUE;
}

/* The engine's prepare step: the master and the engine's forward, up. */
static void
prepare_async (gpointer             owner,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  StudioSshRegion *self = owner;
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, prepare_async);
  if (self->pending == NULL)
    self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->pending, task);
  if (self->connecting)
    return;
  if (self->url_error != NULL)
    {
      ssh_region_complete_pending (self, self->url_error);
      return;
    }
  self->connecting = TRUE;
  if (self->master != NULL && ssh_region_control (self, "check", NULL, NULL))
    {
      /* Up, but the engine stopped answering through it: find it again. */
      ssh_region_run_remote_script (self, FALSE);
      return;
    }
  /* Gone, though its end was not seen yet (a blocking call's context). */
  stop_master (self);
  if (!start_master (self, &error))
    ssh_region_complete_pending (self, error);
}

static gboolean
prepare_finish (gpointer       owner,
                GAsyncResult  *result,
                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- what it says of itself ----------------------------------------------- */

static const char *
studio_ssh_region_get_kind (StudioRegion *region)
{
  return "ssh";
}

static const char *
studio_ssh_region_get_kind_name (StudioRegion *region)
{
  return _("Remote Machine (SSH)");
}

static const char *
studio_ssh_region_get_icon_name (StudioRegion *region)
{
  return "network-server-symbolic";
}

static const char * const *
studio_ssh_region_list_settings (StudioRegion *region)
{
  return settings;
}

static char *
studio_ssh_region_describe_unavailable (StudioRegion  *region,
                                        char         **title)
{
  StudioSshRegion *self = STUDIO_SSH_REGION (region);

  *title = g_strdup_printf (_("Cannot Reach %s"), self->destination);
  return g_strdup_printf (_("%s\n\nAI Studio connects again by itself as soon as %s answers."),
                          studio_region_get_status (region) ?: "", self->destination);
}

/* AI Studio's images go over the connection from This Computer when it has
 * them (and are built there when it has not): the machine needs no access
 * to Debian's archive or the npm registry. */
static StudioImageBuild *
studio_ssh_region_build_image (StudioRegion *region,
                               const char   *image)
{
  StudioSshRegion *self = STUDIO_SSH_REGION (region);
  StudioImageBuild *build = g_object_new (STUDIO_TYPE_IMAGE_BUILD, "image", image,
                                          "engine", STUDIO_ENGINE_REGION (self)->address,
                                          "source", STUDIO_LOCAL_REGION_ID, "where", self->destination, NULL);

  /* The connection up before anything goes through it. */
  studio_image_build_set_destination (build, studio_engine_region_get_engine (STUDIO_ENGINE_REGION (self)));
  return build;
}

/* ---- construction --------------------------------------------------------- */

/* ssh://[USER@]HOST[:PORT], HOST an address or an alias of ~/.ssh/config. */
gboolean
studio_ssh_region_parse_url (const char  *url,
                             char       **login,
                             char       **host,
                             guint       *port,
                             GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *user, *h;

  uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "ssh") != 0 || g_uri_get_host (uri) == NULL ||
      *g_uri_get_host (uri) == '\0' || (*g_uri_get_path (uri) != '\0' && !g_str_equal (g_uri_get_path (uri), "/")) ||
      g_uri_get_query (uri) != NULL)
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_INVALID_NAME,
                   _("“%s” is not a machine’s address: write ssh://HOST, ssh://USER@HOST or ssh://USER@HOST:PORT."),
                   url ?: "");
      return FALSE;
    }
  user = g_uri_get_user (uri);
  h = g_uri_get_host (uri);
  /* Nothing ssh could take for an option, or a shell for a command. */
  if (h[0] == '-' || strspn (h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:") != strlen (h) ||
      (user != NULL && (user[0] == '-' || *user == '\0' ||
                        strspn (user, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") != strlen (user))))
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_INVALID_NAME,
                   _("“%s” is not a host or user name ssh takes."), url);
      return FALSE;
    }
  *login = g_strdup (user);
  *host = g_strdup (h);
  *port = g_uri_get_port (uri) > 0 ? (guint) g_uri_get_port (uri) : 0;
  return TRUE;
}

static void
studio_ssh_region_constructed (GObject *object)
{
  StudioSshRegion *self = STUDIO_SSH_REGION (object);
  StudioEngineRegion *engine_region = STUDIO_ENGINE_REGION (object);
  g_autofree char *ours = studio_engine_private_socket_path ();
  g_autofree char *base = g_path_get_dirname (ours);
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  if (!studio_ssh_region_parse_url (studio_region_get_url (STUDIO_REGION (object)), &self->login,
                                    &self->destination, &self->port, &self->url_error))
    self->destination = g_strdup (studio_region_get_url (STUDIO_REGION (object)) ?: "");
  /* Short: a Unix socket's path has at most 107 bytes. */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, studio_region_get_id (STUDIO_REGION (object)) ?: "", -1);
  name = g_strdup_printf ("ssh-%d-%.8s", (int) getpid (), hash);
  self->dir = g_build_filename (base, name, NULL);
  engine_region->address = g_strconcat ("unix://", self->dir, "/" SSH_ENGINE_SOCKET, NULL);

  G_OBJECT_CLASS (studio_ssh_region_parent_class)->constructed (object);
  studio_engine_set_prepare (studio_engine_region_get_engine (engine_region), prepare_async, prepare_finish, self);
}

static void
studio_ssh_region_dispose (GObject *object)
{
  StudioSshRegion *self = STUDIO_SSH_REGION (object);
  StudioEngine *engine = studio_engine_region_get_engine (STUDIO_ENGINE_REGION (self));

  if (engine != NULL)
    studio_engine_set_prepare (engine, NULL, NULL, NULL);
  stop_master (self);
  if (self->dir != NULL)
    remove_private_dir (self->dir);
  G_OBJECT_CLASS (studio_ssh_region_parent_class)->dispose (object);
}

static void
studio_ssh_region_finalize (GObject *object)
{
  StudioSshRegion *self = STUDIO_SSH_REGION (object);

  g_free (self->destination);
  g_free (self->login);
  g_free (self->host_key);
  g_free (self->shown_host_key);
  g_clear_error (&self->url_error);
  g_free (self->dir);
  if (self->master_errors != NULL)
    g_string_free (self->master_errors, TRUE);
  g_hash_table_unref (self->forwards);
  g_hash_table_unref (self->forwarded);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  G_OBJECT_CLASS (studio_ssh_region_parent_class)->finalize (object);
}

static void
studio_ssh_region_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_HOST_KEY: g_value_set_string (value, STUDIO_SSH_REGION (object)->host_key); break;
    case PROP_SHOWN_HOST_KEY: g_value_set_string (value, STUDIO_SSH_REGION (object)->shown_host_key); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_ssh_region_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_HOST_KEY: g_set_str (&STUDIO_SSH_REGION (object)->host_key, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_ssh_region_class_init (StudioSshRegionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  StudioRegionClass *region_class = STUDIO_REGION_CLASS (klass);
  StudioEngineRegionClass *engine_class = STUDIO_ENGINE_REGION_CLASS (klass);

  object_class->constructed = studio_ssh_region_constructed;
  object_class->dispose = studio_ssh_region_dispose;
  object_class->finalize = studio_ssh_region_finalize;
  object_class->get_property = studio_ssh_region_get_property;
  object_class->set_property = studio_ssh_region_set_property;
  region_class->get_kind = studio_ssh_region_get_kind;
  region_class->get_kind_name = studio_ssh_region_get_kind_name;
  region_class->get_icon_name = studio_ssh_region_get_icon_name;
  region_class->list_settings = studio_ssh_region_list_settings;
  region_class->describe_unavailable = studio_ssh_region_describe_unavailable;
  region_class->build_image = studio_ssh_region_build_image;
  engine_class->reach_port = studio_ssh_region_reach_port;

  /* The fingerprint of a host key the user accepted (an unknown key is
   * never taken otherwise); ssh then adds it to known_hosts itself. */
  properties[PROP_HOST_KEY] = g_param_spec_string ("host-key", NULL, NULL, NULL,
                                                   G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* The fingerprint of the key the machine showed that is not known yet (the
   * typed data of STUDIO_ERROR_UNKNOWN_HOST_KEY, for bindings, where an
   * error's own does not cross). */
  properties[PROP_SHOWN_HOST_KEY] = g_param_spec_string ("shown-host-key", NULL, NULL, NULL,
                                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}
