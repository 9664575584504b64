/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A task after its start: follow ~/task-run/output.log and status.json on
 * the worker (the kept output first when coming back to a task), and settle
 * the end (collect the output notebook, end or keep the worker per the
 * policy, record). Cancelling is studio-task-cancel.c's. */
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include "studio-compat.h"
#include "studio-error.h"
#include "studio-jupyter-files-private.h"
#include "studio-jupyter-private.h"
#include "studio-task-run-private.h"
#include "studio-terminal-channel.h"
#include "studio-util.h"

#define POLL_START_MS  20       /* for the first second a task runs: short tasks end sooner */
#define POLL_FIRST_MS  50       /* for the first seconds */
#define POLL_MS        300
#define WAIT_MS        1000
#define MAX_FAILURES   40       /* polls in a row that fail before the follower gives up (12 s) */
#define RUNNER_START_TIMEOUT_S 60

/* ---- the local log ------------------------------------------------------------------- */

/* Becomes the task's owner when no other process is. */
gboolean
task_run_own (StudioTask *self,
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

void
task_run_append_log (StudioTask   *self,
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
      task_run_append_log (self, data + (run->stored - offset), end - run->stored);
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
      task_run_save (self);   /* the end was saved already; this says what became of the worker */
    }
  task_run_done (task, NULL);
}

/* The task has ended (state set): the worker goes or stays, the record is written. */
static void
end_worker (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  gboolean keep = policy_keeps (self, self->state) && run->worker != NULL;

  studio_task_set_outcome (self, keep, self->output_notebook);
  task_run_save (self);
  g_debug ("task %s: settled; %s the worker", self->id, keep ? "keeping" : "terminating");
  if (keep || run->worker == NULL || self->region == NULL)
    {
      task_run_done (task, NULL);
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

/* Whether the output notebook the worker's status names is one the runner
 * makes: a path under the task's folder, of plain names, ending in .ipynb.
 * The status file is the worker's, and a worker may be hostile ("", "/",
 * "." or a folder would bring the whole home here). */
gboolean
studio_task_output_notebook_is_valid (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path == NULL || strlen (path) > 1024 || !g_str_has_prefix (path, TASK_DIR "/") ||
      !g_str_has_suffix (path, ".ipynb") || !g_utf8_validate (path, -1, NULL))
    return FALSE;
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
        return FALSE;
      for (const char *c = parts[i]; *c; c++)
        if ((guchar) *c < 0x20 || *c == '\\')
          return FALSE;
    }
  return TRUE;
}

/* Only a notebook comes home: the worker says what the path is first. */
static void
notebook_checked_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  StudioTask *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, NULL);
  JsonObject *model = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *notebook = g_object_get_data (G_OBJECT (task), "notebook-path");
  g_autofree char *dir = studio_task_record_dir (self->id);
  g_autofree char *base = g_path_get_basename (notebook);
  g_autofree char *path = g_build_filename (dir, base, NULL);
  g_autoptr(GFile) local = g_file_new_for_path (path);

  if (g_strcmp0 (studio_util_json_string (model, "type"), "notebook") != 0)
    {
      g_warning ("The task's output notebook %s is not a notebook on the worker; it is left there.", notebook);
      end_worker (task);
      return;
    }
  g_mkdir_with_parents (dir, 0700);
  g_object_set_data_full (G_OBJECT (task), "notebook", g_object_ref (local), g_object_unref);
  studio_jupyter_download_async (run->jupyter, notebook, local, NULL, NULL, NULL, NULL, notebook_cb, task);
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

  if (notebook != NULL && run->jupyter != NULL && studio_task_output_notebook_is_valid (notebook))
    {
      g_autofree char *segments = files_segments_path ("api/contents/", notebook);
      g_autofree char *check = g_strconcat (segments, "?content=0&no_track_activity=1", NULL);

      g_object_set_data_full (G_OBJECT (task), "notebook-path", g_strdup (notebook), g_free);
      studio_jupyter_call_async (run->jupyter, "GET", check, NULL, NULL, notebook_checked_cb, task);
      return;
    }
  if (notebook != NULL)
    g_warning ("The task's worker names an output notebook AI Studio does not take: %s", notebook);
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
      task_run_done (task, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled")));
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
      task_run_done (task, NULL);
      return;
    }
  if (task_run_own (self, run))
    {
      if (studio_task_state_is_final (self->state))
        task_run_done (task, NULL);
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
      task_run_done (task, g_steal_pointer (&error));
      return;
    }
  if (bytes == NULL && !g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
    {
      /* The worker went away (it may have ended itself): look at it again. */
      if (++run->failures > MAX_FAILURES)
        {
          task_run_done (task, g_steal_pointer (&error));
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
          task_run_poll (task);
          return;
        }
    }
  if (run->final != NULL && run->drained)
    {
      if (!run->owner && task_run_own (self, run) && studio_task_state_is_final (self->state))
        task_run_done (task, NULL);
      else if (run->owner)
        settle (task);
      else
        wait_for_record (task);
      return;
    }
  if (!run->until_end && run->final == NULL)
    {
      task_run_done (task, NULL);   /* a look: still running */
      return;
    }
  if (!run->status_seen && run->poll_since != 0 &&
      g_get_monotonic_time () - run->poll_since > RUNNER_START_TIMEOUT_S * G_USEC_PER_SEC &&
      (run->owner || task_run_own (self, run)))
    {
      fail_task (task, _("The task's runner did not start on the worker (its Python 3 may be missing); "
                         "~/task-run/runner.err there says why."));
      return;
    }
  /* Quick at first (short tasks end soon), then at an easy pace. */
  if (run->poll_since == 0)
    run->poll_since = g_get_monotonic_time ();
  later (task, g_get_monotonic_time () - run->poll_since < G_USEC_PER_SEC ? POLL_START_MS
              : g_get_monotonic_time () - run->poll_since < 5 * G_USEC_PER_SEC ? POLL_FIRST_MS : POLL_MS,
         task_run_poll);
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
      task_run_done (task, g_steal_pointer (&error));
      return;
    }
  if (bytes != NULL && offset + g_bytes_get_size (bytes) > TASK_MAX_LOG)
    {
      GBytes *within = g_bytes_new_from_bytes (bytes, 0, TASK_MAX_LOG - offset);

      g_bytes_unref (bytes);
      bytes = within;
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
          task_run_poll (task);
          return;
        }
    }
  studio_jupyter_read_async (run->jupyter, RUN_DIR "/status.json", 0, g_task_get_cancellable (task),
                             status_read_cb, task);
}

/* One round: the log past what was seen, then the status. */
void
task_run_poll (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  guint64 offset;

  if (!run->owner && task_run_own (self, run) && studio_task_state_is_final (self->state))
    {
      task_run_done (task, NULL);   /* settled by the owner before */
      return;
    }
  offset = run->shown;
  if (run->owner && self->capture)
    offset = MIN (offset, run->stored);
  if (offset >= TASK_MAX_LOG)
    {
      /* Followed far enough: said once (it is in the kept log after that,
       * which a later follow shows), then only the status is read. */
      if (offset == TASK_MAX_LOG)
        {
          g_autofree char *note = g_strdup_printf (_("\r\n[AI Studio shows and keeps the first %u MiB of a task's "
                                                     "output; all of it stays on the worker in "
                                                     "~/%s/output.log while the worker does.]\r\n"),
                                                   TASK_MAX_LOG >> 20, RUN_DIR);
          g_autoptr(GBytes) bytes = g_bytes_new (note, strlen (note));

          if (run->owner && self->capture)
            task_run_append_log (self, (const guint8 *) note, strlen (note));
          run->stored = run->shown = TASK_MAX_LOG + strlen (note);
          studio_task_emit_output (self, bytes);
        }
      run->drained = run->final != NULL;
      studio_jupyter_read_async (run->jupyter, RUN_DIR "/status.json", 0, g_task_get_cancellable (task),
                                 status_read_cb, task);
      return;
    }
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
          task_run_done (task, g_steal_pointer (&error));
          return;
        }
      later (task, WAIT_MS, look);
      return;
    }
  worker = studio_region_find_worker (self->region, self->worker_id ? self->worker_id : self->worker_name);
  if (worker == NULL)
    worker = studio_region_find_worker (self->region, self->worker_name);
  g_set_object (&run->worker, worker);
  if (!run->owner && task_run_own (self, run) && studio_task_state_is_final (self->state))
    {
      task_run_done (task, NULL);   /* settled by the owner before */
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
      task_run_poll (task);
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
      task_run_done (task, NULL);
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
      task_run_done (task, NULL);
      return;
    }
  if (self->state == STUDIO_TASK_STATE_RUNNING)
    {
      look (task);
      return;
    }
  if (!client_alive (self) && task_run_own (self, run))
    {
      if (studio_task_state_is_final (self->state))
        {
          task_run_done (task, NULL);
          return;
        }
      /* Find what was launched, to remove it. */
      studio_region_refresh_async (self->region, g_task_get_cancellable (task), taken_over_cb, task);
      return;
    }
  if (!run->until_end)
    {
      task_run_done (task, NULL);
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
      task_run_done (task, NULL);
      return;
    }
  if (self->region == NULL)
    {
      task_run_done (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND,
                               _("The task's region “%s” is no longer set up here."), self->region_id));
      return;
    }
  if (task_run_own (self, run) && studio_task_state_is_final (self->state))
    {
      task_run_done (task, NULL);
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
  run = task_run_new ();
  run->until_end = until_end;
  g_task_set_task_data (task, run, (GDestroyNotify) task_run_free);
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
