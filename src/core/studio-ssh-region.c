/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A machine reached with OpenSSH (kind "ssh"): the Podman or Docker engine
 * on it, as This Computer's, through a master connection this process owns.
 * The system's ssh client is the transport, so the user's ~/.ssh/config,
 * agent, keys, ProxyJump and known_hosts apply. In a private 0700 folder of
 * the runtime folder: the master's control socket, the remote engine's
 * socket forwarded to a local one, and the helper that answers ssh's
 * questions. A worker's Jupyter port is forwarded to a loopback port of this
 * computer when a worker is seen with it, and the same port again after a
 * reconnect, so that open tabs come back. */
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

#define CONTROL "control"
#define ENGINE_SOCKET "engine.sock"
#define ASKPASS "askpass"
#define ANSWER "answer"
#define ASKPASS_MARK "ai-studio-askpass: "
/* How long a master may take to log in (ConnectTimeout is for the TCP part). */
#define LOGIN_TIMEOUT_MS 30000
#define STDERR_LIMIT 8192
#define MIN_PODMAN 3

struct _StudioSshRegion
{
  StudioEngineRegion parent_instance;

  char *destination;     /* the host or alias, as ssh takes it */
  char *login;           /* the user, or NULL for ssh's choice */
  guint port;            /* 0: ssh's choice */
  char *host_key;        /* a fingerprint the user accepted */
  char *shown_host_key;  /* of a key the machine showed that is not known yet */
  GError *url_error;     /* the url is not a machine's: every connect fails so */
  char *dir;             /* the private folder */
  GSubprocess *master;
  GString *master_errors;
  GHashTable *forwards;  /* remote port -> local port, for the region's life */
  GHashTable *forwarded; /* remote ports forwarded by the current master */
  gsize scanned;         /* how much of master_errors was looked at for questions */
  gboolean asking;       /* the user is asked (the login wait pauses) */
  gulong reply_id;
  GPtrArray *pending;    /* GTask: connects waiting for the master */
  gboolean connecting;
};

G_DEFINE_FINAL_TYPE (StudioSshRegion, studio_ssh_region, STUDIO_TYPE_ENGINE_REGION)

enum {
  PROP_0,
  PROP_HOST_KEY,
  PROP_SHOWN_HOST_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const settings[] = { "url", NULL };

/* Asks ssh's questions of AI Studio, not of a terminal: a host key the user
 * accepted (its fingerprint, which ssh checks, is the answer), anything
 * else is refused and told to AI Studio on ssh's standard error. */
static const char askpass_script[] =
  "#!/bin/sh\n"
  "# AI Studio answers ssh's questions (SSH_ASKPASS); it keeps no secret.\n"
  "q=$(printf '%s' \"$1\" | tr '\\n' ' ')\n"
  "case \"$q\" in\n"
  "*'fingerprint is '*)\n"
  "  if [ -n \"${AI_STUDIO_SSH_HOST_KEY:-}\" ]; then\n"
  "    case \"$q\" in *\"fingerprint is $AI_STUDIO_SSH_HOST_KEY.\"*)\n"
  "      printf '%s\\n' \"$AI_STUDIO_SSH_HOST_KEY\"; exit 0;; esac\n"
  "  fi\n"
  "  printf '" ASKPASS_MARK "host-key %s\\n' \"$q\" >&2; exit 1;;\n"
  "*)\n"
  /* A passphrase or password: AI Studio asks the user and answers through
   * a pipe of its private folder (never a file, an argument or the
   * environment); an empty answer refuses. */
  "  f=${AI_STUDIO_SSH_ANSWER:-}\n"
  "  [ -n \"$f\" ] && [ -p \"$f\" ] || { printf '" ASKPASS_MARK "secret %s\\n' \"$q\" >&2; exit 1; }\n"
  "  exec 3<>\"$f\"\n"
  "  printf '" ASKPASS_MARK "secret %s\\n' \"$q\" >&2\n"
  "  IFS= read -r a <&3 || exit 1\n"
  "  [ -n \"$a\" ] || exit 1\n"
  "  printf '%s\\n' \"$a\";;\n"
  "esac\n";

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
  "      i=0; while [ ! -S \"$sock\" ] && [ $i -lt 150 ]; do sleep 0.1; i=$((i+1)); done\n"
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

static void
studio_ssh_region_init (StudioSshRegion *self)
{
  self->forwards = g_hash_table_new (NULL, NULL);
  self->forwarded = g_hash_table_new (NULL, NULL);
}

static char *
path_in (StudioSshRegion *self,
         const char      *name)
{
  return g_build_filename (self->dir, name, NULL);
}

/* The user's own config, except where a test gives one (OpenSSH reads
 * ~/.ssh/config from the passwd entry's home, not from $HOME). */
static void
add_common_args (StudioSshRegion *self,
                 GStrvBuilder    *args)
{
  const char *config = g_getenv ("AI_STUDIO_SSH_CONFIG");
  g_autofree char *control = path_in (self, CONTROL);

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

static GSubprocessLauncher *
new_launcher (StudioSshRegion  *self,
              GSubprocessFlags  flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);
  g_autofree char *askpass = path_in (self, ASKPASS);
  g_autofree char *answer = path_in (self, ANSWER);

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
static gboolean
control_sync (StudioSshRegion  *self,
              const char       *command,
              const char       *forward,
              GError          **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (self, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *err = NULL;

  add_common_args (self, builder);
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
static gboolean
forward_port (StudioSshRegion *self,
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
      if (control_sync (self, "forward", forward, &error))
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

  forward_port (self, port);
  local = GPOINTER_TO_UINT (g_hash_table_lookup (self->forwards, GUINT_TO_POINTER (port)));
  /* Down now: the port it will have again once the master is back. */
  return local ? g_strdup_printf ("http://127.0.0.1:%u/", local) : NULL;
}

/* ---- the master connection ------------------------------------------------ */

static void
complete_pending (StudioSshRegion *self,
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
}

/* What ssh said, as an error a user can act on. */
static GError *
master_error (StudioSshRegion *self,
              const char      *said)
{
  g_autoptr(GString) words = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (said ?: "", "\n", -1);
  const char *key_prompt = NULL;
  gboolean secret = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (g_str_has_prefix (line, ASKPASS_MARK "host-key "))
        key_prompt = line + strlen (ASKPASS_MARK "host-key ");
      else if (g_str_has_prefix (line, ASKPASS_MARK "secret "))
        secret = TRUE;
      else if (*line != '\0' && line[0] != '@' && !g_str_has_prefix (line, "Warning: Permanently added"))
        g_string_append_printf (words, "%s%s", words->len ? " " : "", line);
    }
  if (words->len > 500)
    g_string_truncate (words, 500);

  if (key_prompt != NULL)
    {
      const char *fp = strstr (key_prompt, "fingerprint is ");
      g_autofree char *fingerprint = fp ? g_strndup (fp + strlen ("fingerprint is "),
                                                     strcspn (fp + strlen ("fingerprint is "), ". ")) : NULL;
      GError *error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_UNKNOWN_HOST_KEY,
                                   _("%s is not known to this computer yet: its key’s fingerprint is %s. "
                                     "Accept it only if it is the fingerprint of that machine (ask its "
                                     "administrator, or run “ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub” there)."),
                                   self->destination, fingerprint ?: "?");

      studio_error_set_certificate (error, fingerprint);
      if (g_set_str (&self->shown_host_key, fingerprint))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN_HOST_KEY]);
      return error;
    }
  if (strstr (said ?: "", "REMOTE HOST IDENTIFICATION HAS CHANGED") != NULL ||
      strstr (said ?: "", "has changed and you have requested strict checking") != NULL)
    return g_error_new (STUDIO_ERROR, STUDIO_ERROR_HOST_KEY_CHANGED,
                        _("%s shows another key than the one this computer knows for it, so AI Studio "
                          "did not connect. ssh says: %s"), self->destination, words->str);
  if (secret && studio_region_get_interaction (STUDIO_REGION (self)) == NULL)
    return g_error_new (STUDIO_ERROR, STUDIO_ERROR_AUTH,
                        _("%s asks for a password or a key’s passphrase. Add your key to the SSH agent "
                          "(“ssh-add”) or set up a key without one for it, then retry. ssh says: %s"),
                        self->destination, words->str);
  if (strstr (said ?: "", "Permission denied") != NULL)
    return g_error_new (STUDIO_ERROR, STUDIO_ERROR_AUTH,
                        _("%s refused the login. Check that “ssh %s” works in a terminal (your key, "
                          "the user name). ssh says: %s"), self->destination, self->destination, words->str);
  return g_error_new (STUDIO_ERROR, STUDIO_ERROR_UNREACHABLE,
                      _("Cannot connect to %s. Check that “ssh %s” works in a terminal. ssh says: %s"),
                      self->destination, self->destination, words->len ? words->str : _("nothing"));
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
  studio_engine_disconnect (studio_engine_region_get_engine (STUDIO_ENGINE_REGION (self)));
  if (self->connecting)
    {
      g_autoptr(GError) error = master_error (self, self->master_errors ? self->master_errors->str : NULL);
      complete_pending (self, error);
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

/* The user's answer to ssh's question, into the pipe the helper reads (an
 * empty line refuses); nothing of it is kept. */
static void
answer (StudioSshRegion *self,
        const char      *secret)
{
  g_autofree char *path = path_in (self, ANSWER);
  int fd = open (path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);

  self->asking = FALSE;
  if (fd < 0)
    return;   /* the helper is gone (ssh gave up) */
  if (secret != NULL && strchr (secret, '\n') == NULL)
    {
      gssize ignored = write (fd, secret, strlen (secret));
      (void) ignored;
    }
  if (write (fd, "\n", 1) < 0)
    g_debug ("the helper did not take the answer");
  close (fd);
}

static void
on_reply (GMountOperation       *operation,
          GMountOperationResult  result,
          StudioSshRegion       *self)
{
  g_clear_signal_handler (&self->reply_id, operation);
  answer (self, result == G_MOUNT_OPERATION_HANDLED ? g_mount_operation_get_password (operation) : NULL);
  g_mount_operation_set_password (operation, NULL);
}

/* ssh asks for a key's passphrase or a password: the region's interaction
 * asks the user (a dialog, the terminal); without one, it is refused. */
static void
ask (StudioSshRegion *self,
     const char      *question)
{
  GMountOperation *operation = studio_region_get_interaction (STUDIO_REGION (self));
  g_autofree char *message = NULL;

  if (operation == NULL || self->reply_id != 0)
    {
      answer (self, NULL);
      return;
    }
  self->asking = TRUE;
  message = g_strdup_printf (_("Connecting to %s\n%s"), self->destination, question);
  self->reply_id = g_signal_connect (operation, "reply", G_CALLBACK (on_reply), self);
  g_signal_emit_by_name (operation, "ask-password", message, "", "", G_ASK_PASSWORD_NEED_PASSWORD);
}

/* Questions the helper passed on, in the lines ssh wrote since the last look. */
static void
scan_questions (StudioSshRegion *self)
{
  const char *start = self->master_errors->str + self->scanned;
  const char *end;

  while ((end = strchr (start, '\n')) != NULL)
    {
      g_autofree char *line = g_strndup (start, end - start);

      if (g_str_has_prefix (line, ASKPASS_MARK "secret "))
        ask (self, g_strstrip (line + strlen (ASKPASS_MARK "secret ")));
      start = end + 1;
    }
  self->scanned = start - self->master_errors->str;
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
  if (self->master_errors->len < STDERR_LIMIT)
    {
      g_string_append_len (self->master_errors, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      scan_questions (self);
    }
  g_input_stream_read_bytes_async (stream, 1024, G_PRIORITY_DEFAULT, NULL, read_errors_cb, watch);
}

static void
die_with_parent (gpointer data)
{
  /* The master goes when this process does, also when it is killed. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void engine_found (StudioSshRegion *self, gboolean restarted);

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
      complete_pending (self, error);
      return;
    }
  words = g_strsplit (g_strstrip (out ?: g_strdup ("")), " ", 3);
  if (g_strv_length (words) == 3 && g_str_equal (words[0], "podman") && atoi (words[1]) < MIN_PODMAN)
    {
      /* Its REST API is Podman 3's; older ones lack what AI Studio asks of it. */
      error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE,
                           _("Podman %s on %s is too old: AI Studio needs Podman %d or later there. "
                             "Update it (or install Docker), then retry."),
                           words[1], self->destination, MIN_PODMAN);
      complete_pending (self, error);
      return;
    }
  if (g_strv_length (words) == 3 && (g_str_equal (words[0], "podman") || g_str_equal (words[0], "docker")))
    {
      g_autofree char *local = path_in (self, ENGINE_SOCKET);
      g_autofree char *forward = g_strconcat (local, ":", words[2], NULL);

      g_unlink (local);
      if (!control_sync (self, "forward", forward, &error))
        {
          complete_pending (self, error);
          return;
        }
      engine_found (self, restarted);
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
  complete_pending (self, error);
}

static void
run_remote_script (StudioSshRegion *self,
                   gboolean         restart)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (self, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  ScriptData *data;

  add_common_args (self, builder);
  g_strv_builder_add_many (builder, "-T", "-o", "ControlMaster=no", "--", self->destination,
                           restart ? "sh -s restart" : "sh -s", NULL);
  argv = g_strv_builder_end (builder);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  if (process == NULL)
    {
      complete_pending (self, error);
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
        forward_port (self, GPOINTER_TO_UINT (remote));
      complete_pending (self, NULL);
      return;
    }
  if (!restarted)
    {
      /* A socket left by a service that is gone. */
      run_remote_script (self, TRUE);
      return;
    }
  g_clear_error (&error);
  error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_NO_ENGINE,
                       _("The container engine on %s does not answer. Run “podman info” there to see why."),
                       self->destination);
  complete_pending (self, error);
}

/* The remote engine's socket is forwarded: does it answer? */
static void
engine_found (StudioSshRegion *self,
              gboolean         restarted)
{
  g_autofree char *local = path_in (self, ENGINE_SOCKET);
  g_autoptr(SoupSession) session = studio_engine_session_new (local);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", "http://localhost/_ping");
  ScriptData *data = g_new0 (ScriptData, 1);

  g_object_set (session, "timeout", 20, NULL);
  data->self = g_object_ref (self);
  data->restarted = restarted;
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, ping_cb, data);
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
  control = path_in (self, CONTROL);
  if (g_file_test (control, G_FILE_TEST_EXISTS))
    {
      run_remote_script (self, FALSE);
      return G_SOURCE_REMOVE;
    }
  waited = g_object_get_data (G_OBJECT (self->master), "waited");
  if (self->asking || (*waited += interval) < LOGIN_TIMEOUT_MS)
    return G_SOURCE_CONTINUE;   /* a person answering takes the time they need */
  stop_master (self);
  {
    g_autoptr(GError) error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_UNREACHABLE,
                                           _("%s did not let AI Studio log in within %u seconds."),
                                           self->destination, LOGIN_TIMEOUT_MS / 1000);
    complete_pending (self, error);
  }
  return G_SOURCE_REMOVE;
}

static void
remove_private_dir (const char *dir)
{
  static const char * const names[] = { CONTROL, ENGINE_SOCKET, ASKPASS, ANSWER };

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
  control = path_in (self, CONTROL);
  askpass = path_in (self, ASKPASS);
  /* A control socket left behind would make ssh disable multiplexing. */
  g_unlink (control);
  if (!g_file_set_contents_full (askpass, askpass_script, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0700, error))
    return FALSE;
  {
    g_autofree char *fifo = path_in (self, ANSWER);

    g_unlink (fifo);
    if (mkfifo (fifo, 0600) != 0)
      {
        int saved = errno;
        g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_FAILED, _("Cannot make %s: %s"), fifo, g_strerror (saved));
        return FALSE;
      }
  }
  self->scanned = 0;

  add_common_args (self, builder);
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
  launcher = new_launcher (self, G_SUBPROCESS_FLAGS_STDIN_INHERIT | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
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
      complete_pending (self, self->url_error);
      return;
    }
  self->connecting = TRUE;
  if (self->master != NULL && control_sync (self, "check", NULL, NULL))
    {
      /* Up, but the engine stopped answering through it: find it again. */
      run_remote_script (self, FALSE);
      return;
    }
  /* Gone, though its end was not seen yet (a blocking call's context). */
  stop_master (self);
  if (!start_master (self, &error))
    complete_pending (self, error);
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
  engine_region->address = g_strconcat ("unix://", self->dir, "/" ENGINE_SOCKET, NULL);

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
