/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A task's run, up to its start: check the file, the folder and the size
 * before anything is launched, launch a worker, upload the files to ~/task,
 * put the runner (studio-task-runner.py) in ~/task-run and start it from a
 * terminal, with a kernel that keeps the worker up. Following it to its end
 * is studio-task-follow.c.
 *
 * Several processes may look at one task (the CLI that started it, a
 * `task --follow`, the window). The one holding the lock on the record's
 * folder is its owner: it alone appends to the local log and settles the end
 * (collects, terminates, records); the others show the output and read the
 * record. */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "studio-compat.h"
#include "studio-core-resources.h"
#include "studio-error.h"
#include "studio-jupyter-private.h"
#include "studio-task-run-private.h"
#include "studio-terminal-channel.h"
#include "studio-util.h"

#define KEEPER_DELAY_MS 2000

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



void
task_run_free (Run *run)
{
  g_free (run->relative_file);
  g_clear_object (&run->upload_root);
  g_free (run->file_remote);
  g_clear_object (&run->worker);
  g_clear_object (&run->jupyter);
  if (run->lock_fd >= 0)
    close (run->lock_fd);   /* and the lock with it */
  g_clear_pointer (&run->final, json_object_unref);
  g_clear_error (&run->runner_error);
  if (run->terminal != NULL)
    studio_terminal_channel_terminate_async (run->terminal, NULL, NULL, NULL);   /* never used */
  g_clear_object (&run->terminal);
  g_free (run);
}

Run *
task_run_new (void)
{
  Run *run = g_new0 (Run, 1);

  run->lock_fd = -1;
  return run;
}

/* Ends the operation; the task's reference goes with it. */
void
task_run_done (GTask  *task,
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

void
task_run_save (StudioTask *self)
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
    task_run_save (self);
  if (run->worker != NULL && studio_worker_get_id (run->worker) != NULL)
    {
      /* Not cancellable: the worker goes even when the run was cancelled. */
      studio_region_terminate_async (self->region, run->worker, NULL, NULL, NULL);
    }
  if (cancelled)
    {
      g_error_free (error);
      task_run_done (task, NULL);
    }
  else
    task_run_done (task, error);
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
    task_run_done (task, NULL);
}

static void
runner_running (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  g_debug ("task %s: the runner started", self->id);
  self->client_pid = 0;
  studio_task_set_state_full (self, STUDIO_TASK_STATE_RUNNING, -1, NULL);
  task_run_save (self);
  if (!run->detach)
    {
      run->until_end = TRUE;
      task_run_poll (task);
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
        task_run_save (self);
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
  studio_jupyter_start_code_async (run->jupyter, NULL, keeper_cell, step_cancellable (self), keeper_started_cb, task);
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
      studio_jupyter_start_code_async (run->jupyter, NULL, runner_cell, step_cancellable (self), keeper_started_cb,
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

/* The runner's side is up (or could not be put): the runner starts once
 * the task's files are up too. */
static void
runner_side_done (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  run->runner_put = TRUE;
  if (run->files_uploaded)
    start_runner (task);
}

/* Each put holds a reference of its own: the upload beside it may end the run first. */
static void
put_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, &error);
  guint *left = g_object_get_data (G_OBJECT (task), "puts-left");

  if (error != NULL && run->runner_error == NULL)
    {
      g_prefix_error (&error, _("Could not put the task's runner on the worker: "));
      run->runner_error = error;
    }
  else
    g_clear_error (&error);
  if (--(*left) == 0 && !g_task_get_completed (task))
    runner_side_done (task);
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
                             put_done_cb, g_object_ref (task));
}

/* The files and the runner are on the worker: the runner starts from the
 * terminal (its keeper in a kernel, meanwhile), without waiting for a kernel. */
static void
start_runner (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  if (run->runner_error != NULL)
    {
      abort_run (task, g_steal_pointer (&run->runner_error));
      return;
    }
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
  json_builder_add_string_value (b, studio_task_policy_names[self->policy]);
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
  g_autoptr(GTask) task = user_data;   /* its own reference, see upload() */
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, &error);

  if (g_task_get_completed (task))
    {
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    {
      g_prefix_error (&error, _("Could not put the task's runner on the worker: "));
      run->runner_error = error;
      runner_side_done (task);
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
  run->files_uploaded = TRUE;
  if (run->runner_put)
    start_runner (task);
}

static void
upload (GTask *task)
{
  StudioTask *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  studio_task_set_state_full (self, STUDIO_TASK_STATE_UPLOADING, -1, NULL);
  task_run_save (self);
  run->jupyter = studio_region_open_jupyter (self->region, run->worker);
  studio_jupyter_upload_full_async (run->jupyter, run->upload_root, TASK_DIR, TRUE, NULL, NULL, NULL,
                                    step_cancellable (self), file_uploaded_cb, task);
  /* Meanwhile, the runner's folder and files (their own reference)… */
  {
    g_autoptr(JsonNode) body = json_from_string ("{\"type\": \"directory\"}", NULL);

    studio_jupyter_call_async (run->jupyter, "PUT", "api/contents/" RUN_DIR, body, step_cancellable (self),
                               run_dir_cb, g_object_ref (task));
  }
  /* …and the terminal the runner starts from (a reference of its own:
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
        task_run_append_log (self, (const guint8 *) logs, strlen (logs));
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
  if (!task_run_own (self, run))
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
      task_run_save (self);
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
      task_run_done (task, error);
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
      task_run_done (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_INVALID_SIZE,
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
  /* A file right in the home folder: its folder is the whole home. Only
   * when the user names that folder (files_dir) does it go up. */
  if (self->files_dir == NULL)
    {
      g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());

      if (g_file_equal (folder, home))
        {
          g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                                   _("%s is in your home folder, so its folder is your whole home, which AI "
                                     "Studio would upload with it. Move it into a folder of its own, or choose "
                                     "the folder that goes with it."), self->file);
          return;
        }
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
      g_autofree char *size = g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
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
      task_run_done (task, error);
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
  run = task_run_new ();
  run->detach = detach;
  g_task_set_task_data (task, run, (GDestroyNotify) task_run_free);

  if (self->region == NULL || self->file == NULL || self->created != NULL)
    {
      task_run_done (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED, _("This task has been run already.")));
      return;
    }
  if (self->image != NULL && !studio_util_check_image_reference (self->image, &error))
    {
      task_run_done (task, error);
      return;
    }
  if (self->startup_script != NULL && !studio_region_can (self->region, STUDIO_REGION_CAPABILITIES_STARTUP_SCRIPT))
    {
      task_run_done (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("%s cannot run a startup script on its workers; do the set-up at the start "
                                 "of the task itself."), studio_region_get_name (self->region)));
      return;
    }
  if (self->venv != NULL && (*self->venv == '\0' || strchr (self->venv, '/') != NULL || self->venv[0] == '.'))
    {
      task_run_done (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED,
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
