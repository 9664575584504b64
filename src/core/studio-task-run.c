/* A task's run: launch a worker, upload the files to ~/task, start the
 * runner (studio-task-runner.py) in a kernel of the worker's Jupyter server,
 * then follow ~/task-run/output.log and status.json until the end, collect
 * the output notebook, and end the worker as the policy says.
 *
 * Several processes may look at one task (the CLI that started it, a
 * `task --follow`, the window). The one holding the lock on the record's
 * folder is its owner: it alone appends to the local log and settles the end
 * (collects, terminates, records); the others show the output and read the
 * record. */
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include "studio-compat.h"
#include "studio-core-resources.h"
#include "studio-error.h"
#include "studio-jupyter-private.h"
#include "studio-task-private.h"
#include "studio-terminal-channel.h"
#include "studio-util.h"

#define POLL_FIRST_MS  50       /* for the first seconds a task runs */
#define RUNNER_START_TIMEOUT_S 60
#define KEEPER_DELAY_MS 2000
#define POLL_MS        300
#define WAIT_MS        1000
#define MAX_FAILURES   40       /* polls in a row that fail before the follower gives up (12 s) */
#define RUN_DIR        "task-run"
#define TASK_DIR       "task"

/* The runner is started from a terminal, at once, in a session of its own
 * (it outlives the terminal, which exits); $PPID is the Jupyter server. */
static const char runner_command[] =
  "cd && setsid python3 " RUN_DIR "/runner.py " RUN_DIR "/spec.json $PPID </dev/null >/dev/null "
  "2>>" RUN_DIR "/runner.err & exit\r";

/* The keeper, a cell of a kernel of the same server, started meanwhile: it
 * waits for the runner (a busy kernel keeps the worker up) and passes an
 * interrupt of the kernel on to it as SIGINT (a cancel). An orphaned runner
 * may stay a zombie of the server: that is an end too. */
static const char keeper_cell[] =
  "import os, signal, time\n"
  "def _ai_studio_keep():\n"
  "    path = os.path.expanduser('~/" RUN_DIR "/runner.pid')\n"
  "    pid = None\n"
  "    for _ in range(1200):\n"
  "        try:\n"
  "            pid = int(open(path).read())\n"
  "            break\n"
  "        except (OSError, ValueError):\n"
  "            time.sleep(0.1)\n"
  "    def alive():\n"
  "        try:\n"
  "            with open('/proc/%d/stat' % pid) as stat:\n"
  "                return stat.read().rsplit(')', 1)[1].split()[0] != 'Z'\n"
  "        except OSError:\n"
  "            return False\n"
  "    while pid and alive():\n"
  "        try:\n"
  "            time.sleep(0.5)\n"
  "        except KeyboardInterrupt:\n"
  "            os.kill(pid, signal.SIGINT)\n"
  "_ai_studio_keep()\n";

/* Where a server has no terminals: the runner from the kernel itself. */
static const char runner_cell[] =
  "import os, signal, subprocess, sys\n"
  "_d = os.path.expanduser('~/" RUN_DIR "')\n"
  "_p = subprocess.Popen([sys.executable, os.path.join(_d, 'runner.py'), os.path.join(_d, 'spec.json'),\n"
  "                       str(os.getppid())], start_new_session=True, stdin=subprocess.DEVNULL,\n"
  "                      stdout=subprocess.DEVNULL, stderr=open(os.path.join(_d, 'runner.err'), 'ab'))\n"
  "while True:\n"
  "    try:\n"
  "        _p.wait()\n"
  "        break\n"
  "    except KeyboardInterrupt:\n"
  "        _p.send_signal(signal.SIGINT)\n";

typedef struct
{
  gboolean detach;
  gboolean until_end;
  char *relative_file;      /* the file, relative to ~/task */
  GFile *upload_root;
  char *file_remote;        /* where the file goes when it is outside that folder */
  StudioWorker *worker;
  StudioJupyter *jupyter;
  int lock_fd;
  gboolean owner;
  guint64 shown;            /* bytes of the worker's log shown */
  guint64 stored;           /* bytes of it in the local log */
  guint failures;
  JsonObject *final;        /* the runner's status, once it says the task ended */
  gboolean drained;         /* no more log came after the final status */
  gboolean started_worker;
  guint halves_started;     /* the runner and its keeper */
  StudioTerminalChannel *terminal;  /* the runner starts from it */
  gboolean terminal_done;   /* it is open, or will not be */
  gboolean files_ready;
  gint64 poll_since;        /* when the polls of the log began */
  gboolean status_seen;     /* the runner has said something of this task */
  gboolean runner_in_kernel;
} Run;

static void
run_free (Run *run)
{
  g_free (run->relative_file);
  g_clear_object (&run->upload_root);
  g_free (run->file_remote);
  g_clear_object (&run->worker);
  g_clear_object (&run->jupyter);
  if (run->lock_fd >= 0)
    close (run->lock_fd);   /* and the lock with it */
  g_clear_pointer (&run->final, json_object_unref);
  if (run->terminal != NULL)
    studio_terminal_channel_terminate_async (run->terminal, NULL, NULL, NULL);   /* never used */
  g_clear_object (&run->terminal);
  g_free (run);
}

static Run *
run_new (void)
{
  Run *run = g_new0 (Run, 1);

  run->lock_fd = -1;
  return run;
}

static void save_quietly (StudioTask *self);

/* Ends the operation; the task's reference goes with it. */
static void
done (GTask  *task,
      GError *error)
{
  StudioTask *self = g_task_get_source_object (task);

  g_clear_object (&self->step_cancellable);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
save_quietly (StudioTask *self)
{
  g_autoptr(GError) error = NULL;

  if (!studio_task_save (self, &error))
    g_warning ("%s", error->message);
}

static GCancellable *
step_cancellable (StudioTask *self)
{
  if (self->step_cancellable == NULL)
    self->step_cancellable = g_cancellable_new ();
  return self->step_cancellable;
}

/* ---- the local log ------------------------------------------------------------------- */

/* Becomes the task's owner when no other process is. */
static gboolean
try_own (StudioTask *self,
         Run        *run)
{
  g_autofree char *dir = NULL;
  g_autofree char *lock = NULL;

  if (run->owner)
    return TRUE;
  dir = studio_task_record_dir (self->id);
  lock = g_build_filename (dir, "lock", NULL);
  if (run->lock_fd < 0)
    {
      if (g_mkdir_with_parents (dir, 0700) != 0)
        return FALSE;
      run->lock_fd = g_open (lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (run->lock_fd < 0)
        return FALSE;
    }
  if (flock (run->lock_fd, LOCK_EX | LOCK_NB) != 0)
    return FALSE;
  run->owner = TRUE;
  /* The owner before may have moved the task on, or settled it. */
  studio_task_reload (self, NULL);
  if (self->capture)
    {
      g_autofree char *log = studio_task_dup_log_path (self);
      GStatBuf st;

      run->stored = g_stat (log, &st) == 0 ? (guint64) st.st_size : 0;
    }
  return TRUE;
}

static void
append_local (StudioTask   *self,
              const guint8 *data,
              gsize         len)
{
  g_autofree char *path = NULL;
  int fd;

  if (len == 0)
    return;
  path = studio_task_dup_log_path (self);
  fd = g_open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_warning ("Cannot keep the task's output in %s: %s", path, g_strerror (errno));
      return;
    }
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_warning ("Cannot keep the task's output in %s: %s", path, g_strerror (errno));
          break;
        }
      data += n;
      len -= n;
    }
  close (fd);
}

/* Output that came from the worker at offset: shown where not shown yet,
 * kept where not kept yet. */
static void
take_output (StudioTask *self,
             Run        *run,
             guint64     offset,
             GBytes     *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  guint64 end = offset + len;

  if (run->owner && self->capture && end > run->stored && offset <= run->stored)
    {
      append_local (self, data + (run->stored - offset), end - run->stored);
      run->stored = end;
    }
  if (end > run->shown && offset <= run->shown)
    {
      g_autoptr(GBytes) fresh = g_bytes_new_from_bytes (bytes, run->shown - offset, end - run->shown);
      run->shown = end;
      studio_task_emit_output (self, fresh);
    }
}

/* What is kept already, shown first when following a task again. */
static void
show_kept (StudioTask *self,
           Run        *run)
{
  g_autofree char *path = studio_task_dup_log_path (self);
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!self->capture || !g_file_get_contents (path, &data, &len, NULL) || len == 0)
    return;
  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&data), len);
    studio_task_emit_output (self, bytes);
  }
  run->shown = len;
}

/* ---- settling the end ---------------------------------------------------------------- */

static void settle (GTask *task);
static void look (GTask *task);
static void poll_worker (GTask *task);

static gboolean
policy_keeps (StudioTask      *self,
              StudioTaskState  state)
{
  switch (self->policy)
    {
    case STUDIO_TASK_POLICY_KEEP: return TRUE;
    case STUDIO_TASK_POLICY_KEEP_ON_FAILURE: return state != STUDIO_TASK_STATE_SUCCEEDED;
    case STUDIO_TASK_POLICY_TERMINATE:
    default: return FALSE;
    }
}

static void
terminated_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  StudioTask *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!studio_region_terminate_finish (STUDIO_REGION (object), result, &error) &&
      !g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
    {
      /* The task's end stands; the worker is left for the user to remove. */
      g_autofree char *message = g_strdup_printf (_("%s (The worker %s could not be removed: %s)"),
                                                  self->message ? self->message : "",
                                                  self->worker_name, error->message);
      g_strstrip (message);
      studio_task_set_state_full (self, self->state, self->exit_status, message);
      studio_task_set_outcome (self, TRUE, self->output_notebook);
      save_quietly (self);   /* the end was saved already; this says what became of the worker */
    }
  done (task, NULL);
}

/* The task has ended (state set): the worker goes or stays, the record is written. */
static void
end_worker (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  gboolean keep = policy_keeps (self, self->state) && run->worker != NULL;

  studio_task_set_outcome (self, keep, self->output_notebook);
  save_quietly (self);
  g_debug ("task %s: settled; %s the worker", self->id, keep ? "keeping" : "terminating");
  if (keep || run->worker == NULL || self->region == NULL)
    {
      done (task, NULL);
      return;
    }
  studio_region_terminate_async (self->region, run->worker, NULL, terminated_cb, task);
}

/* The task could not run, or stopped being followable: it ends here. */
static void
fail_task (GTask      *task,
           const char *message)
{
  StudioTask *self = g_task_get_source_object (task);

  studio_task_set_state_full (self, STUDIO_TASK_STATE_FAILED, -1, message);
  end_worker (task);
}

static void
notebook_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  StudioTask *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) local = g_object_get_data (G_OBJECT (task), "notebook") ?
                           g_object_ref (g_object_get_data (G_OBJECT (task), "notebook")) : NULL;

  if (studio_jupyter_download_finish (STUDIO_JUPYTER (object), result, &error))
    {
      g_autofree char *path = g_file_get_path (local);
      studio_task_set_outcome (self, self->kept, path);
    }
  else
    g_warning ("Could not copy the task's output notebook: %s", error->message);
  end_worker (task);
}

/* The runner's final status, into the task; then the output notebook comes home. */
static void
settle (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  const char *state_name = studio_util_json_string (run->final, "state");
  gint64 exit_status = studio_util_json_int (run->final, "exit_status", -1);
  JsonObject *error = studio_util_json_object (run->final, "error");
  const char *notebook = studio_util_json_string (run->final, "output_notebook");
  g_autofree char *message = NULL;
  StudioTaskState state = STUDIO_TASK_STATE_FAILED;

  for (StudioTaskState s = STUDIO_TASK_STATE_SUCCEEDED; s <= STUDIO_TASK_STATE_TIMED_OUT; s++)
    if (g_strcmp0 (state_name, studio_task_state_to_string (s)) == 0)
      state = s;
  if (error != NULL && studio_util_json_string (error, "message") != NULL)
    message = g_strdup (studio_util_json_string (error, "message"));
  else if (error != NULL && studio_util_json_string (error, "name") != NULL)
    message = g_strdup_printf (_("Cell %d raised %s: %s"), (int) studio_util_json_int (error, "cell", 0),
                               studio_util_json_string (error, "name"),
                               studio_util_json_string (error, "value") ?: "");
  else if (state == STUDIO_TASK_STATE_TIMED_OUT)
    {
      g_autofree char *limit = self->timeout_seconds % 60 == 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", self->timeout_seconds / 60),
                           self->timeout_seconds / 60)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", self->timeout_seconds),
                           self->timeout_seconds);
      message = g_strdup_printf (_("The task ran out of time (%s)."), limit);
    }
  studio_task_set_state_full (self, state, exit_status < 0 || exit_status > 255 ? -1 : (int) exit_status, message);

  if (notebook != NULL && run->jupyter != NULL)
    {
      g_autofree char *dir = studio_task_record_dir (self->id);
      g_autofree char *base = g_path_get_basename (notebook);
      g_autofree char *path = g_build_filename (dir, base, NULL);
      g_autoptr(GFile) local = g_file_new_for_path (path);

      g_mkdir_with_parents (dir, 0700);
      g_object_set_data_full (G_OBJECT (task), "notebook", g_object_ref (local), g_object_unref);
      studio_jupyter_download_async (run->jupyter, notebook, local, NULL, NULL, NULL, NULL, notebook_cb, task);
      return;
    }
  end_worker (task);
}

/* ---- following ----------------------------------------------------------------------- */

static gboolean
status_is_ours (StudioTask *self,
                JsonObject *status)
{
  return status != NULL && g_strcmp0 (studio_util_json_string (status, "id"), self->id) == 0;
}

static void
later (GTask *task,
       guint  ms,
       void (*func) (GTask *task))
{
  if (g_task_get_cancellable (task) != NULL && g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      done (task, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled")));
      return;
    }
  studio_util_task_later (task, ms, func);
}

/* A follower that is not the owner waits for the record to say the end. */
static void
wait_for_record (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  studio_task_reload (self, NULL);
  if (studio_task_state_is_final (self->state))
    {
      done (task, NULL);
      return;
    }
  if (try_own (self, run))
    {
      if (studio_task_state_is_final (self->state))
        done (task, NULL);
      else
        settle (task);
      return;
    }
  later (task, POLL_MS, wait_for_record);
}

static void
status_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = studio_jupyter_read_finish (STUDIO_JUPYTER (object), result, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *status;
  gsize len = 0;
  const char *data;

  if (bytes == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      done (task, g_steal_pointer (&error));
      return;
    }
  if (bytes == NULL && !g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
    {
      /* The worker went away (it may have ended itself): look at it again. */
      if (++run->failures > MAX_FAILURES)
        {
          done (task, g_steal_pointer (&error));
          return;
        }
      later (task, WAIT_MS, look);
      return;
    }
  run->failures = 0;
  data = bytes ? g_bytes_get_data (bytes, &len) : NULL;
  if (data != NULL && studio_util_json_load (parser, data, len, NULL) &&
      (status = studio_util_json_root_object (parser)) != NULL && status_is_ours (self, status))
    {
      const char *state = studio_util_json_string (status, "state");

      run->status_seen = TRUE;
      if (state != NULL && !g_str_equal (state, "running") && run->final == NULL)
        {
          /* The end: the log's last bytes were written before it; read them now. */
          run->final = json_object_ref (status);
          poll_worker (task);
          return;
        }
    }
  if (run->final != NULL && run->drained)
    {
      if (!run->owner && try_own (self, run) && studio_task_state_is_final (self->state))
        done (task, NULL);
      else if (run->owner)
        settle (task);
      else
        wait_for_record (task);
      return;
    }
  if (!run->until_end && run->final == NULL)
    {
      done (task, NULL);   /* a look: still running */
      return;
    }
  if (!run->status_seen && run->poll_since != 0 &&
      g_get_monotonic_time () - run->poll_since > RUNNER_START_TIMEOUT_S * G_USEC_PER_SEC &&
      (run->owner || try_own (self, run)))
    {
      fail_task (task, _("The task's runner did not start on the worker (its Python 3 may be missing); "
                         "~/task-run/runner.err there says why."));
      return;
    }
  /* Quick at first (short tasks end soon), then at an easy pace. */
  if (run->poll_since == 0)
    run->poll_since = g_get_monotonic_time ();
  later (task, g_get_monotonic_time () - run->poll_since < 5 * G_USEC_PER_SEC ? POLL_FIRST_MS : POLL_MS,
         poll_worker);
}

static void
log_read_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = studio_jupyter_read_finish (STUDIO_JUPYTER (object), result, &error);
  guint64 offset = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (task), "offset"));

  if (bytes == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      done (task, g_steal_pointer (&error));
      return;
    }
  if (bytes != NULL)
    {
      /* All the log after the final status was read: the end can be settled. */
      if (run->final != NULL && g_bytes_get_size (bytes) == 0)
        run->drained = TRUE;
      take_output (self, run, offset, bytes);
      if (g_bytes_get_size (bytes) > 0)
        {
          /* More may be waiting: read on before the status. */
          poll_worker (task);
          return;
        }
    }
  studio_jupyter_read_async (run->jupyter, RUN_DIR "/status.json", 0, g_task_get_cancellable (task),
                             status_read_cb, task);
}

/* One round: the log past what was seen, then the status. */
static void
poll_worker (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  guint64 offset;

  if (!run->owner && try_own (self, run) && studio_task_state_is_final (self->state))
    {
      done (task, NULL);   /* settled by the owner before */
      return;
    }
  offset = run->shown;
  if (run->owner && self->capture)
    offset = MIN (offset, run->stored);
  g_object_set_data (G_OBJECT (task), "offset", GSIZE_TO_POINTER ((gsize) offset));
  studio_jupyter_read_async (run->jupyter, RUN_DIR "/output.log", offset, g_task_get_cancellable (task),
                             log_read_cb, task);
}

static void
worker_started_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_region_start_finish (STUDIO_REGION (object), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The task's worker stopped and could not be started to "
                                                    "collect the task's end: %s"), error->message);
      fail_task (task, message);
      return;
    }
  look (task);
}

static void
looked_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  StudioWorker *worker;

  if (!studio_region_refresh_finish (STUDIO_REGION (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !run->until_end ||
          ++run->failures > MAX_FAILURES)
        {
          done (task, g_steal_pointer (&error));
          return;
        }
      later (task, WAIT_MS, look);
      return;
    }
  worker = studio_region_find_worker (self->region, self->worker_id ? self->worker_id : self->worker_name);
  if (worker == NULL)
    worker = studio_region_find_worker (self->region, self->worker_name);
  g_set_object (&run->worker, worker);
  if (!run->owner && try_own (self, run) && studio_task_state_is_final (self->state))
    {
      done (task, NULL);   /* settled by the owner before */
      return;
    }
  if (worker == NULL)
    {
      if (run->owner)
        {
          g_autofree char *message = g_strdup_printf (_("The task's worker %s is gone, so the task's end is "
                                                        "not known."), self->worker_name);
          fail_task (task, message);
        }
      else
        wait_for_record (task);
      return;
    }
  switch (studio_worker_get_state (worker))
    {
    case STUDIO_WORKER_STATE_READY:
      g_clear_object (&run->jupyter);
      run->jupyter = studio_region_open_jupyter (self->region, worker);
      poll_worker (task);
      return;
    case STUDIO_WORKER_STATE_STOPPED:
    case STUDIO_WORKER_STATE_FAILED:
      /* It ended itself after the task while no one followed it (or was
       * stopped): start it again to collect the end. */
      if (run->owner && !run->started_worker)
        {
          run->started_worker = TRUE;
          studio_region_start_async (self->region, worker, g_task_get_cancellable (task), worker_started_cb, task);
          return;
        }
      if (run->owner)
        {
          fail_task (task, _("The task's worker stopped before the task ended."));
          return;
        }
      break;
    default:
      break;
    }
  if (!run->until_end)
    {
      done (task, NULL);
      return;
    }
  later (task, WAIT_MS, look);
}

/* Finds the task's worker, then follows it. */
static void
look (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);

  studio_region_refresh_async (self->region, g_task_get_cancellable (task), looked_cb, task);
}

static gboolean
client_alive (StudioTask *self)
{
  if (self->client_pid <= 0 || g_strcmp0 (self->client_host, g_get_host_name ()) != 0)
    return self->client_pid > 0;   /* another computer's: assume it runs */
  return kill ((pid_t) self->client_pid, 0) == 0 || errno == EPERM;
}

static void
taken_over_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  if (studio_region_refresh_finish (STUDIO_REGION (object), result, NULL) && self->worker_name != NULL)
    g_set_object (&run->worker, studio_region_find_worker (self->region, self->worker_id ? self->worker_id
                                                           : self->worker_name));
  if (self->cancel_requested)
    {
      studio_task_set_state_full (self, STUDIO_TASK_STATE_CANCELLED, -1, NULL);
      end_worker (task);
    }
  else
    fail_task (task, _("AI Studio was closed while the task was being launched."));
}

/* A task another process launches: wait until it runs, or take it over
 * when that process is gone. */
static void
wait_for_launch (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  studio_task_reload (self, NULL);
  if (studio_task_state_is_final (self->state))
    {
      done (task, NULL);
      return;
    }
  if (self->state == STUDIO_TASK_STATE_RUNNING)
    {
      look (task);
      return;
    }
  if (!client_alive (self) && try_own (self, run))
    {
      if (studio_task_state_is_final (self->state))
        {
          done (task, NULL);
          return;
        }
      /* Find what was launched, to remove it. */
      studio_region_refresh_async (self->region, g_task_get_cancellable (task), taken_over_cb, task);
      return;
    }
  if (!run->until_end)
    {
      done (task, NULL);
      return;
    }
  later (task, WAIT_MS * 2, wait_for_launch);
}

static void
begin_follow (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  if (studio_task_state_is_final (self->state))
    {
      done (task, NULL);
      return;
    }
  if (self->region == NULL)
    {
      done (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND,
                               _("The task's region “%s” is no longer set up here."), self->region_id));
      return;
    }
  if (try_own (self, run) && studio_task_state_is_final (self->state))
    {
      done (task, NULL);
      return;
    }
  if (self->state != STUDIO_TASK_STATE_RUNNING)
    wait_for_launch (task);
  else
    look (task);
}

/**
 * studio_task_follow_async:
 * @self: a task, from studio_task_load()
 * @until_end: %TRUE to follow until the task ends; %FALSE to look once
 * @cancellable: (nullable): a #GCancellable; cancelling stops following, not the task
 * @callback: (scope async): called when the task has ended, or after the look
 * @user_data: data for @callback
 *
 * Comes back to a task: what its record kept of the output first (in
 * #StudioTask::output), then what comes, until it ends; the end is
 * recorded, the output notebook copied, and the worker terminated or kept
 * as its policy says. A task whose worker ended itself while no one
 * followed has its worker started again to collect the end. With
 * @until_end %FALSE, a look: a task that has ended is settled, one that
 * runs is left running.
 */
void
studio_task_follow_async (StudioTask          *self,
                          gboolean             until_end,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  Run *run;

  g_return_if_fail (STUDIO_IS_TASK (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_task_follow_async);
  run = run_new ();
  run->until_end = until_end;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  if (until_end)
    show_kept (self, run);
  else
    run->shown = G_MAXUINT64 / 2;   /* a look shows nothing */
  begin_follow (task);
}

/**
 * studio_task_follow_finish:
 * @self: a task
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes following; the task's state says how it ended.
 *
 * Returns: %TRUE when the task's state is known (ended, or for a look, running)
 */
gboolean
studio_task_follow_finish (StudioTask    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- running ------------------------------------------------------------------------- */

/* Ends a run that could not start the task: the worker goes (bad input
 * leaves nothing behind), the record says why. */
static void
abort_run (GTask  *task,
           GError *error)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->cancel_requested;

  studio_task_set_state_full (self, cancelled ? STUDIO_TASK_STATE_CANCELLED : STUDIO_TASK_STATE_FAILED, -1,
                              cancelled ? NULL : error->message);
  studio_task_set_outcome (self, FALSE, NULL);
  if (self->created != NULL)
    save_quietly (self);
  if (run->worker != NULL && studio_worker_get_id (run->worker) != NULL)
    {
      /* Not cancellable: the worker goes even when the run was cancelled. */
      studio_region_terminate_async (self->region, run->worker, NULL, NULL, NULL);
    }
  if (cancelled)
    {
      g_error_free (error);
      done (task, NULL);
    }
  else
    done (task, error);
}

static gboolean
check_cancel (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);

  /* Another process may have asked for the cancel, in the record. */
  if (!self->cancel_requested)
    {
      g_autoptr(StudioTask) copy = NULL;
      g_autofree char *path = studio_task_record_path (self->id);
      g_autofree char *data = NULL;
      gsize len;

      if (g_file_get_contents (path, &data, &len, NULL) &&
          (copy = studio_task_new_from_record (NULL, data, len, NULL)) != NULL)
        self->cancel_requested = copy->cancel_requested;
    }
  if (self->cancel_requested || g_cancellable_is_cancelled (step_cancellable (self)))
    {
      self->cancel_requested = TRUE;
      abort_run (task, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The task was cancelled.")));
      return TRUE;
    }
  return FALSE;
}

/* Both halves of the start are in (the runner from its terminal, the keeper
 * in its kernel): a detached run is done. */
static void
started_half (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (++run->halves_started < 2)
    return;
  if (run->detach)
    done (task, NULL);
}

static void
runner_running (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  g_debug ("task %s: the runner started", self->id);
  self->client_pid = 0;
  studio_task_set_state_full (self, STUDIO_TASK_STATE_RUNNING, -1, NULL);
  save_quietly (self);
  if (!run->detach)
    {
      run->until_end = TRUE;
      poll_worker (task);
    }
  started_half (task);
}

static void
keeper_started_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) hold = user_data;   /* see start_runner() */
  GTask *task = user_data;
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *kernel = studio_jupyter_start_code_finish (STUDIO_JUPYTER (object), result, &error);

  if (kernel == NULL)
    {
      /* The task runs (or has ended already, its worker gone); only its
       * worker may end itself if it idles long. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !studio_task_state_is_final (self->state))
        g_message ("Task %s: no kernel keeps its worker up: %s", self->id, error->message);
    }
  else
    {
      g_debug ("task %s: kernel %s keeps the worker up", self->id, kernel);
      g_set_str (&self->kernel_id, kernel);
      if (!studio_task_state_is_final (self->state))
        save_quietly (self);
    }
  if (run->runner_in_kernel)
    {
      if (kernel == NULL)
        {
          abort_run (task, g_steal_pointer (&error));
          return;
        }
      run->halves_started++;
      runner_running (task);
      return;
    }
  started_half (task);
}

/* Holds a reference of its own, given by the caller. */
static void
start_keeper (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  if (g_task_get_completed (task) || run->final != NULL || studio_task_state_is_final (self->state))
    {
      g_object_unref (task);
      return;
    }
  studio_jupyter_start_code_async (run->jupyter, keeper_cell, step_cancellable (self), keeper_started_cb, task);
}

/* Sends the runner's command once both the files and the terminal are
 * ready (the terminal is opened while the files go up). */
static void
send_runner (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  if (!run->files_ready || !run->terminal_done)
    return;
  if (run->terminal == NULL)
    {
      /* No terminals here: the runner goes into a kernel of its own. */
      run->runner_in_kernel = TRUE;
      studio_jupyter_start_code_async (run->jupyter, runner_cell, step_cancellable (self), keeper_started_cb,
                                       g_object_ref (task));
      return;
    }
  studio_terminal_channel_send (run->terminal, runner_command, -1);
  /* The shell exits after the command; the channel goes with it. */
  g_signal_connect (g_steal_pointer (&run->terminal), "closed", G_CALLBACK (g_object_unref), NULL);
  runner_running (task);
  /* A short task needs no keeper, and starting a kernel costs a second of
   * CPU: it comes a little later (at once for a detached run, which returns
   * only once the worker is kept up). */
  studio_util_task_later (g_object_ref (task), run->detach ? 0 : KEEPER_DELAY_MS, start_keeper);
}

static void
terminal_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;   /* its own reference, see upload() */
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(StudioTerminalChannel) channel = STUDIO_TERMINAL_CHANNEL (object);
  g_autoptr(GError) error = NULL;

  if (g_task_get_completed (task))
    return;
  run->terminal_done = TRUE;
  if (studio_terminal_channel_connect_finish (channel, result, &error))
    run->terminal = g_steal_pointer (&channel);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("task %s: no terminal (%s); the runner will run in a kernel", self->id, error->message);
  send_runner (task);
}

static void start_runner (GTask *task);

static void
put_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, &error);
  guint *left = g_object_get_data (G_OBJECT (task), "puts-left");

  if (error != NULL)
    {
      /* The first error ends the run; the other puts are let through. */
      if (!g_task_had_error (task) && *left > 0)
        {
          *left = 0;
          g_prefix_error (&error, _("Could not put the task's runner on the worker: "));
          abort_run (task, error);
        }
      else
        g_error_free (error);
      return;
    }
  if (*left > 0 && --(*left) == 0)
    start_runner (task);
}

static void
put_text (GTask      *task,
          const char *path,
          const char *text,
          gboolean    directory)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *api = studio_util_path ("api/contents/" RUN_DIR "%s", path);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, directory ? "directory" : "file");
  if (!directory)
    {
      json_builder_set_member_name (b, "format");
      json_builder_add_string_value (b, "text");
      json_builder_set_member_name (b, "content");
      json_builder_add_string_value (b, text);
    }
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  studio_jupyter_call_async (run->jupyter, "PUT", api, body, step_cancellable (g_task_get_source_object (task)),
                             put_done_cb, task);
}

/* The files and the runner are on the worker: the runner starts from the
 * terminal (its keeper in a kernel, meanwhile), without waiting for a kernel. */
static void
start_runner (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  g_debug ("task %s: files and runner are on the worker", self->id);
  if (check_cancel (task))
    return;
  run->files_ready = TRUE;
  send_runner (task);
}

char *
studio_task_runner_spec (StudioTask *self,
                         const char *relative_file)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) params = json_node_init_object (json_node_alloc (), self->parameters);
  static const char * const policies[] = { "terminate", "keep", "keep-on-failure" };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, self->id);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, studio_task_kind (self->file));
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, relative_file);
  json_builder_set_member_name (b, "parameters");
  json_builder_add_value (b, json_node_copy (params));
  json_builder_set_member_name (b, "venv");
  if (self->venv != NULL)
    json_builder_add_string_value (b, self->venv);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "timeout_seconds");
  json_builder_add_int_value (b, self->timeout_seconds);
  json_builder_set_member_name (b, "policy");
  json_builder_add_string_value (b, policies[self->policy]);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, TRUE);
}

/* The runner, its spec and an empty log go to ~/task-run, then the runner starts. */
static void
put_runner (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GBytes) runner = g_resource_lookup_data (studio_core_get_resource (),
                                                     "/io/github/aistudio/core/studio-task-runner.py",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autofree char *script = g_strndup (g_bytes_get_data (runner, NULL), g_bytes_get_size (runner));
  g_autofree char *spec = studio_task_runner_spec (self, run->relative_file);
  guint *left = g_new (guint, 1);

  *left = 4;
  g_object_set_data_full (G_OBJECT (task), "puts-left", left, g_free);
  put_text (task, "/runner.py", script, FALSE);
  put_text (task, "/spec.json", spec, FALSE);
  put_text (task, "/output.log", "", FALSE);
  put_text (task, "/runner.pid", "", FALSE);   /* not an old run's */
}

static void
run_dir_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, &error);

  if (error != NULL)
    {
      g_prefix_error (&error, _("Could not put the task's runner on the worker: "));
      abort_run (task, error);
      return;
    }
  put_runner (task);
}

static void
file_uploaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!studio_jupyter_upload_finish (STUDIO_JUPYTER (object), result, &error))
    {
      g_prefix_error (&error, _("Could not upload the task's files: "));
      abort_run (task, error);
      return;
    }
  if (run->file_remote != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->file);
      g_autofree char *remote = g_steal_pointer (&run->file_remote);

      studio_jupyter_upload_full_async (run->jupyter, file, remote, FALSE, NULL, NULL, NULL,
                                        step_cancellable (self), file_uploaded_cb, task);
      return;
    }
  if (check_cancel (task))
    return;
  {
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(JsonNode) body = NULL;

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "type");
    json_builder_add_string_value (b, "directory");
    json_builder_end_object (b);
    body = json_builder_get_root (b);
    studio_jupyter_call_async (run->jupyter, "PUT", "api/contents/" RUN_DIR, body, step_cancellable (self),
                               run_dir_cb, task);
  }
}

static void
upload (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  studio_task_set_state_full (self, STUDIO_TASK_STATE_UPLOADING, -1, NULL);
  save_quietly (self);
  run->jupyter = studio_region_open_jupyter (self->region, run->worker);
  studio_jupyter_upload_full_async (run->jupyter, run->upload_root, TASK_DIR, TRUE, NULL, NULL, NULL,
                                    step_cancellable (self), file_uploaded_cb, task);
  /* Meanwhile, the terminal the runner starts from (a reference of its own:
   * the upload may fail first). */
  studio_terminal_channel_connect_async (studio_terminal_channel_new (run->jupyter, NULL), step_cancellable (self),
                                         terminal_ready_cb, g_object_ref (task));
}

static void
logs_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  StudioTask *self = g_task_get_source_object (task);
  g_autofree char *logs = studio_region_logs_finish (STUDIO_REGION (object), result, NULL);
  GError *error = g_object_steal_data (G_OBJECT (task), "launch-error");

  if (logs != NULL && *logs != '\0')
    {
      g_autoptr(GBytes) bytes = g_bytes_new (logs, strlen (logs));
      if (self->capture)
        append_local (self, (const guint8 *) logs, strlen (logs));
      studio_task_emit_output (self, bytes);
    }
  abort_run (task, error);
}

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(StudioWorker) worker = studio_region_launch_finish (self->region, result, &error);

  if (worker == NULL)
    {
      /* A startup script that failed: its output is the task's output. */
      if (run->worker != NULL && studio_worker_get_id (run->worker) != NULL &&
          studio_region_can (self->region, STUDIO_REGION_CAPABILITIES_LOGS) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_object_set_data_full (G_OBJECT (task), "launch-error", error, (GDestroyNotify) g_error_free);
          studio_region_logs_async (self->region, run->worker, NULL, logs_cb, task);
          return;
        }
      abort_run (task, error);
      return;
    }
  g_set_object (&run->worker, worker);
  studio_task_set_worker (self, worker);
  if (check_cancel (task))
    return;
  upload (task);
}

static void
launch (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(StudioLaunchOptions) options = studio_launch_options_new ();
  g_autofree char *id8 = g_strndup (self->id, 8);
  StudioWorker *worker;

  options->name = g_strdup_printf ("task-%s", id8);
  options->size = g_strdup (self->size);
  options->image = g_strdup (self->image);
  options->startup_script = g_strdup (self->startup_script);
  self->created = g_date_time_new_now_utc ();
  self->client_pid = getpid ();
  g_set_str (&self->client_host, g_get_host_name ());
  studio_task_set_state_full (self, STUDIO_TASK_STATE_LAUNCHING, -1, NULL);
  if (!try_own (self, run))
    {
      abort_run (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED,
                                    _("Cannot keep the task's record under %s."), g_get_user_data_dir ()));
      return;
    }
  {
    GError *error = NULL;
    if (!studio_task_save (self, &error))
      {
        abort_run (task, error);
        return;
      }
  }
  worker = studio_region_launch_async (self->region, options, step_cancellable (self), launched_cb, task);
  if (worker != NULL)
    {
      g_set_object (&run->worker, worker);
      studio_task_set_worker (self, worker);
      save_quietly (self);
    }
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  StudioTask *self = g_task_get_source_object (task);
  GError *error = NULL;
  GListModel *sizes;

  if (result != NULL && !studio_region_refresh_finish (STUDIO_REGION (object), result, &error))
    {
      done (task, error);
      return;
    }
  sizes = studio_region_list_sizes (self->region);
  if (self->size != NULL && g_list_model_get_n_items (sizes) > 0 &&
      studio_region_find_size (self->region, self->size) == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < g_list_model_get_n_items (sizes); i++)
        {
          g_autoptr(StudioSize) size = g_list_model_get_item (sizes, i);
          g_string_append_printf (names, "%s%s", i ? ", " : "", studio_size_get_id (size));
        }
      done (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_INVALID_SIZE,
                               _("There is no size “%s” in %s; the sizes are: %s."), self->size,
                               studio_region_get_name (self->region), names->str));
      return;
    }
  launch (task);
}

/* What can be checked before a worker exists, in a thread: the file, the
 * folder, and what the upload comes to. */
static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StudioTask *self = source;
  Run *run = task_data;
  g_autofree char *dir = self->files_dir ? g_strdup (self->files_dir) : g_path_get_dirname (self->file);
  g_autoptr(GFile) file = g_file_new_for_path (self->file);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *relative = NULL;
  GError *error = NULL;
  guint64 bytes = 0;

  if (!g_file_test (self->file, G_FILE_TEST_IS_REGULAR))
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND, _("There is no file %s."), self->file);
      return;
    }
  if (studio_task_kind (self->file) == NULL)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("%s is not a task AI Studio can run: give a Python script (.py), a shell "
                                 "script (.sh) or a notebook (.ipynb)."), self->file);
      return;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND, _("There is no folder %s."), dir);
      return;
    }
  if (!studio_jupyter_measure_upload (folder, TRUE, &bytes, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  relative = g_file_get_relative_path (folder, file);
  if (relative == NULL)
    {
      /* Outside the folder: the file goes to ~/task beside what is in it. */
      GStatBuf st;

      relative = g_file_get_basename (file);
      run->file_remote = g_build_filename (TASK_DIR, relative, NULL);
      if (g_stat (self->file, &st) == 0)
        bytes += st.st_size;
    }
  if (bytes > STUDIO_TASK_MAX_UPLOAD_BYTES)
    {
      g_autofree char *size = g_format_size (bytes);
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("The task's files in %s come to %s, more than a task may upload (1 GiB). Keep "
                                 "large data in ~/my, which every worker of the region sees, and read it from "
                                 "there; or give a smaller folder with the task's files."), dir, size);
      return;
    }
  run->relative_file = g_steal_pointer (&relative);
  run->upload_root = g_steal_pointer (&folder);
  g_task_return_boolean (task, TRUE);
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  StudioTask *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      done (task, error);
      return;
    }
  /* This Computer's sizes are known without asking, and its launch asks the
   * engine itself: no refresh first. (A hub reads its token at its first.) */
  if (!studio_region_can (self->region, STUDIO_REGION_CAPABILITIES_SIGN_IN))
    refreshed_cb (NULL, NULL, task);
  else
    studio_region_refresh_async (self->region, step_cancellable (self), refreshed_cb, task);
}

/**
 * studio_task_run_async:
 * @self: a task not started yet
 * @detach: %TRUE to be done once the task runs; %FALSE to follow it to its end
 * @cancellable: (nullable): a #GCancellable; cancelling stops following, not
 *   the task (studio_task_cancel_async() does that)
 * @callback: (scope async): called when the task has ended (or runs, with @detach)
 * @user_data: data for @callback
 *
 * Runs the task: checks the file, the folder (at most
 * %STUDIO_TASK_MAX_UPLOAD_BYTES, hidden files left out) and the size before
 * anything is launched; launches a worker; uploads the folder to `~/task`;
 * starts the file there (a notebook cell by cell on a kernel of the worker,
 * with its parameters injected after the cell tagged `parameters`); shows
 * its output in #StudioTask::output and keeps it; records the end; and
 * terminates or keeps the worker. The task's record is written from the
 * launch on.
 */
void
studio_task_run_async (StudioTask          *self,
                       gboolean             detach,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;
  g_autoptr(GTask) check = NULL;
  Run *run;
  GError *error = NULL;

  g_return_if_fail (STUDIO_IS_TASK (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_task_run_async);
  run = run_new ();
  run->detach = detach;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  if (self->region == NULL || self->file == NULL || self->created != NULL)
    {
      done (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED, _("This task has been run already.")));
      return;
    }
  if (self->image != NULL && !studio_util_check_image_reference (self->image, &error))
    {
      done (task, error);
      return;
    }
  if (self->startup_script != NULL && !studio_region_can (self->region, STUDIO_REGION_CAPABILITIES_STARTUP_SCRIPT))
    {
      done (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("%s cannot run a startup script on its workers; do the set-up at the start "
                                 "of the task itself."), studio_region_get_name (self->region)));
      return;
    }
  if (self->venv != NULL && (*self->venv == '\0' || strchr (self->venv, '/') != NULL || self->venv[0] == '.'))
    {
      done (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("“%s” is not the name of a virtual environment in ~/.venv."), self->venv));
      return;
    }
  step_cancellable (self);
  check = g_task_new (self, step_cancellable (self), checked_cb, task);
  g_task_set_task_data (check, run, NULL);
  g_task_run_in_thread (check, check_thread);
}

/**
 * studio_task_run_finish:
 * @self: a task
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes a run. %TRUE when the task ran (its state and exit status say
 * how it ended; with detach, it runs), or was cancelled; %FALSE with @error
 * when AI Studio could not run it (bad input, a failed launch or startup
 * script); its worker is gone then.
 *
 * Returns: %TRUE when the task ran
 */
gboolean
studio_task_run_finish (StudioTask    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- cancelling --------------------------------------------------------------------- */

static void
interrupted_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioTask *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, &error);

  if (error != NULL)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("Could not cancel task %s on its worker: %s"), self->id, error->message);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
cancel_terminal_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioTask *self = g_task_get_source_object (task);
  StudioJupyter *jupyter = g_task_get_task_data (task);
  StudioTerminalChannel *channel = STUDIO_TERMINAL_CHANNEL (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GCancellable *cancellable;

  if (studio_terminal_channel_connect_finish (channel, result, &error))
    {
      studio_terminal_channel_send (channel, "kill -INT \"$(cat ~/" RUN_DIR "/runner.pid)\"; exit\r", -1);
      g_signal_connect (channel, "closed", G_CALLBACK (g_object_unref), NULL);
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_object_unref (channel);
  if (self->kernel_id == NULL)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("Could not cancel task %s on its worker: %s"), self->id, error->message);
      return;
    }
  path = studio_util_path ("api/kernels/%s/interrupt", self->kernel_id);
  cancellable = g_task_get_cancellable (task);
  studio_jupyter_call_async (jupyter, "POST", path, NULL, cancellable, interrupted_cb, g_steal_pointer (&task));
}

static void
cancel_refreshed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioTask *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioJupyter) jupyter = NULL;
  GCancellable *cancellable;
  StudioWorker *worker;

  if (!studio_region_refresh_finish (STUDIO_REGION (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  worker = studio_region_find_worker (self->region, self->worker_id ? self->worker_id : self->worker_name);
  if (worker == NULL || studio_worker_get_state (worker) != STUDIO_WORKER_STATE_READY)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_RUNNING,
                               _("Task %s's worker %s is not running, so the task is not either."),
                               self->id, self->worker_name ?: "");
      return;
    }
  jupyter = studio_region_open_jupyter (self->region, worker);
  cancellable = g_task_get_cancellable (task);
  /* SIGINT to the runner, from a terminal (its keeper kernel may not be up
   * yet); where there are no terminals, through the kernel. */
  g_task_set_task_data (task, g_object_ref (jupyter), g_object_unref);
  studio_terminal_channel_connect_async (studio_terminal_channel_new (jupyter, NULL), cancellable,
                                         cancel_terminal_cb, g_steal_pointer (&task));
}

/**
 * studio_task_cancel_async:
 * @self: a task
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called once the cancel is asked for
 * @user_data: data for @callback
 *
 * Stops the task: one that runs is interrupted on its worker (its runner
 * ends the script or the notebook's kernel) and ends as cancelled; one
 * being launched or uploaded stops there and its worker is removed. Whoever
 * follows the task sees it end; its worker ends per the policy.
 */
void
studio_task_cancel_async (StudioTask          *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STUDIO_IS_TASK (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_task_cancel_async);
  if (self->step_cancellable == NULL)
    studio_task_reload (self, NULL);
  if (studio_task_state_is_final (self->state))
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED, _("Task %s has ended already (%s)."),
                               self->id, studio_task_state_to_string (self->state));
      return;
    }
  if (self->state != STUDIO_TASK_STATE_RUNNING)
    {
      GError *error = NULL;

      /* Launching: this process stops at its next step; another, from the record. */
      self->cancel_requested = TRUE;
      if (self->step_cancellable != NULL)
        g_cancellable_cancel (self->step_cancellable);
      else if (!studio_task_save (self, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->region == NULL)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND,
                               _("The task's region “%s” is no longer set up here."), self->region_id);
      return;
    }
  studio_region_refresh_async (self->region, cancellable, cancel_refreshed_cb, g_steal_pointer (&task));
}

/**
 * studio_task_cancel_finish:
 * @self: a task
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes asking for a cancel.
 *
 * Returns: %TRUE when the cancel was asked for
 */
gboolean
studio_task_cancel_finish (StudioTask    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
