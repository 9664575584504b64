/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StudioTask: a run of a script or notebook on a fresh worker, and its
 * record. The record is one JSON file per task under the XDG data directory
 * (ai-studio/tasks/ID.json, replaced whole), with the output log and the
 * output notebook in ai-studio/tasks/ID/. The run itself is in
 * studio-task-run.c, the record in studio-task-record.c, the states' names
 * in studio-task-state.c and the notebook parameters in
 * studio-task-parameters.c. */
#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "studio-compat.h"
#include "studio-enums.h"
#include "studio-task-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_REGION,
  PROP_FILE,
  PROP_STATE,
  PROP_WORKER_NAME,
  PROP_EXIT_STATUS,
  PROP_MESSAGE,
  PROP_KEPT,
  PROP_OUTPUT_NOTEBOOK,
  N_PROPS
};

enum {
  OUTPUT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * StudioTask:
 *
 * A run of a Python script, a shell script or a notebook on a fresh worker:
 * the worker is launched, the file's folder uploaded to `~/task`, the file
 * run there, its output streamed and kept, and the worker terminated or kept
 * as its policy says. The run goes on on the worker when the client goes
 * away; studio_task_follow_async() comes back to it. Each task has a record
 * under the user's data directory.
 */
G_DEFINE_FINAL_TYPE (StudioTask, studio_task, G_TYPE_OBJECT)

static void
studio_task_dispose (GObject *object)
{
  StudioTask *self = STUDIO_TASK (object);

  if (self->step_cancellable != NULL)
    g_cancellable_cancel (self->step_cancellable);
  g_clear_object (&self->step_cancellable);
  g_clear_object (&self->region);
  G_OBJECT_CLASS (studio_task_parent_class)->dispose (object);
}

static void
studio_task_finalize (GObject *object)
{
  StudioTask *self = STUDIO_TASK (object);

  if (self->log_fd >= 0)
    close (self->log_fd);
  g_free (self->id);
  g_free (self->region_id);
  g_free (self->file);
  g_free (self->files_dir);
  g_free (self->size);
  g_free (self->image);
  g_free (self->startup_script);
  g_free (self->venv);
  g_clear_pointer (&self->parameters, json_object_unref);
  g_free (self->worker_name);
  g_free (self->worker_id);
  g_free (self->kernel_id);
  g_free (self->message);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_pointer (&self->ended, g_date_time_unref);
  g_free (self->output_notebook);
  g_free (self->client_host);
  G_OBJECT_CLASS (studio_task_parent_class)->finalize (object);
}

static void
studio_task_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  StudioTask *self = STUDIO_TASK (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_REGION: g_value_set_object (value, self->region); break;
    case PROP_FILE: g_value_set_string (value, self->file); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_WORKER_NAME: g_value_set_string (value, self->worker_name); break;
    case PROP_EXIT_STATUS: g_value_set_int (value, self->exit_status); break;
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    case PROP_KEPT: g_value_set_boolean (value, self->kept); break;
    case PROP_OUTPUT_NOTEBOOK: g_value_set_string (value, self->output_notebook); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_task_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  StudioTask *self = STUDIO_TASK (object);

  switch (prop_id)
    {
    case PROP_ID:
      if (g_value_get_string (value) != NULL)
        g_set_str (&self->id, g_value_get_string (value));
      break;
    case PROP_REGION:
      g_set_object (&self->region, g_value_get_object (value));
      if (self->region != NULL)
        g_set_str (&self->region_id, studio_region_get_id (self->region));
      break;
    case PROP_FILE:
      {
        const char *file = g_value_get_string (value);
        g_free (self->file);
        self->file = file == NULL ? NULL
                     : g_path_is_absolute (file) ? g_strdup (file)
                     : g_canonicalize_filename (file, NULL);
      }
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_task_class_init (StudioTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = studio_task_dispose;
  object_class->finalize = studio_task_finalize;
  object_class->get_property = studio_task_get_property;
  object_class->set_property = studio_task_set_property;

  /**
   * StudioTask:id:
   *
   * The task's id: twelve hexadecimal digits, unique among the user's tasks.
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioTask:region:
   *
   * The region its worker runs in; %NULL for a record of a region that is gone.
   */
  properties[PROP_REGION] = g_param_spec_object ("region", NULL, NULL, STUDIO_TYPE_REGION,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioTask:file:
   *
   * The local script or notebook, as an absolute path.
   */
  properties[PROP_FILE] = g_param_spec_string ("file", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioTask:state:
   *
   * Where the task is in its life.
   */
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, STUDIO_TYPE_TASK_STATE,
                                              STUDIO_TASK_STATE_LAUNCHING, ro);
  /**
   * StudioTask:worker-name:
   *
   * The name of the task's worker, once it has one.
   */
  properties[PROP_WORKER_NAME] = g_param_spec_string ("worker-name", NULL, NULL, NULL, ro);
  /**
   * StudioTask:exit-status:
   *
   * The task's exit status once it has ended (a notebook: 0, or 1 when a cell
   * failed; 124 when it ran out of time); -1 before, or when it never ran.
   */
  properties[PROP_EXIT_STATUS] = g_param_spec_int ("exit-status", NULL, NULL, -1, G_MAXINT, -1, ro);
  /**
   * StudioTask:message:
   *
   * What went wrong, for a task that failed (a notebook's failing cell, or
   * why AI Studio could not run it); %NULL otherwise.
   */
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  /**
   * StudioTask:kept:
   *
   * Whether the task's worker was kept when it ended.
   */
  properties[PROP_KEPT] = g_param_spec_boolean ("kept", NULL, NULL, FALSE, ro);
  /**
   * StudioTask:output-notebook:
   *
   * The local copy of the executed notebook, once a notebook task has ended.
   */
  properties[PROP_OUTPUT_NOTEBOOK] = g_param_spec_string ("output-notebook", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioTask::output:
   * @self: the task
   * @data: what the task wrote (stdout and stderr, as they came)
   *
   * The task wrote something, seen as it comes while the task is run or followed.
   */
  signals[OUTPUT] = g_signal_new ("output", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);
}

static void
studio_task_init (StudioTask *self)
{
  guint8 bytes[6];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_random_int_range (0, 256);
  self->id = g_strdup_printf ("%02x%02x%02x%02x%02x%02x", bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5]);
  self->exit_status = -1;
  self->capture = TRUE;
  self->log_fd = -1;
  self->parameters = json_object_new ();
}

/**
 * studio_task_new:
 * @region: where to run it
 * @file: a `.py`, `.sh` or `.ipynb` file
 *
 * A task, not started yet: set its options, then studio_task_run_async().
 *
 * Returns: (transfer full): a new task
 */
StudioTask *
studio_task_new (StudioRegion *region,
                 const char   *file)
{
  g_return_val_if_fail (STUDIO_IS_REGION (region), NULL);
  g_return_val_if_fail (file != NULL, NULL);
  return g_object_new (STUDIO_TYPE_TASK, "region", region, "file", file, NULL);
}

static void
set_path (char      **field,
          const char *path)
{
  g_free (*field);
  *field = path == NULL || *path == '\0' ? NULL
           : g_path_is_absolute (path) ? g_strdup (path) : g_canonicalize_filename (path, NULL);
}

/**
 * studio_task_set_files_dir:
 * @self: a task not started yet
 * @dir: (nullable): the folder to upload; %NULL for the file's own folder
 *
 * Which local folder goes to `~/task` on the worker (hidden files and folders left out).
 */
void
studio_task_set_files_dir (StudioTask *self,
                           const char *dir)
{
  g_return_if_fail (STUDIO_IS_TASK (self));
  set_path (&self->files_dir, dir);
}

/**
 * studio_task_set_size:
 * @self: a task not started yet
 * @size: (nullable): a size's id or name; %NULL for the region's default
 *
 * The size of the task's worker.
 */
void
studio_task_set_size (StudioTask *self,
                      const char *size)
{
  g_return_if_fail (STUDIO_IS_TASK (self));
  g_set_str (&self->size, size);
}

/**
 * studio_task_set_image:
 * @self: a task not started yet
 * @image: (nullable): an image reference; %NULL for the region's default
 *
 * The image of the task's worker.
 */
void
studio_task_set_image (StudioTask *self,
                       const char *image)
{
  g_return_if_fail (STUDIO_IS_TASK (self));
  g_set_str (&self->image, image);
}

/**
 * studio_task_set_startup_script:
 * @self: a task not started yet
 * @script: (nullable): a shell script, run on the worker before Jupyter starts
 *
 * A startup script for the task's worker; the task fails with its output if it fails.
 */
void
studio_task_set_startup_script (StudioTask *self,
                                const char *script)
{
  g_return_if_fail (STUDIO_IS_TASK (self));
  g_set_str (&self->startup_script, script);
}

/**
 * studio_task_set_venv:
 * @self: a task not started yet
 * @venv: (nullable): the name of a virtual environment in `~/.venv` on the worker
 *
 * Runs the task with that environment's Python.
 */
void
studio_task_set_venv (StudioTask *self,
                      const char *venv)
{
  g_return_if_fail (STUDIO_IS_TASK (self));
  g_set_str (&self->venv, venv);
}

/**
 * studio_task_set_policy:
 * @self: a task not started yet
 * @policy: what becomes of the worker when the task ends
 *
 * Terminate the worker (the default), keep it, or keep it when the task fails.
 */
void
studio_task_set_policy (StudioTask       *self,
                        StudioTaskPolicy  policy)
{
  g_return_if_fail (STUDIO_IS_TASK (self));
  self->policy = policy;
}

/**
 * studio_task_set_capture:
 * @self: a task not started yet
 * @capture: whether to keep the output in the task's record
 *
 * Output is always shown as it comes; with @capture %FALSE it is not kept.
 */
void
studio_task_set_capture (StudioTask *self,
                         gboolean    capture)
{
  g_return_if_fail (STUDIO_IS_TASK (self));
  self->capture = capture;
}

/**
 * studio_task_set_timeout:
 * @self: a task not started yet
 * @seconds: the most the task may run, in seconds; 0 for no limit
 *
 * A task that runs longer is ended (state timed-out, exit status 124).
 */
void
studio_task_set_timeout (StudioTask *self,
                         guint       seconds)
{
  g_return_if_fail (STUDIO_IS_TASK (self));
  self->timeout_seconds = seconds;
}

/* ---- getters ----------------------------------------------------------------------- */

/**
 * studio_task_get_id:
 * @self: a task
 *
 * The task's id.
 *
 * Returns: the id
 */
const char *
studio_task_get_id (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  return self->id;
}

/**
 * studio_task_get_file:
 * @self: a task
 *
 * The local file the task runs.
 *
 * Returns: an absolute path
 */
const char *
studio_task_get_file (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  return self->file;
}

/**
 * studio_task_get_files_dir:
 * @self: a task
 *
 * The folder uploaded with the task, if it is not the file's own.
 *
 * Returns: (nullable): an absolute path, or %NULL
 */
const char *
studio_task_get_files_dir (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  return self->files_dir;
}

/**
 * studio_task_get_region:
 * @self: a task
 *
 * The task's region.
 *
 * Returns: (transfer none) (nullable): the region, or %NULL when it is gone
 */
StudioRegion *
studio_task_get_region (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  return self->region;
}

/**
 * studio_task_get_region_id:
 * @self: a task
 *
 * The id of the task's region, also when the region is gone.
 *
 * Returns: the region's id
 */
const char *
studio_task_get_region_id (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  return self->region_id;
}

/**
 * studio_task_get_size:
 * @self: a task
 *
 * The size asked for.
 *
 * Returns: (nullable): a size, or %NULL for the region's default
 */
const char *
studio_task_get_size (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  return self->size;
}

/**
 * studio_task_get_image:
 * @self: a task
 *
 * The image asked for.
 *
 * Returns: (nullable): an image, or %NULL for the region's default
 */
const char *
studio_task_get_image (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  return self->image;
}

/**
 * studio_task_get_startup_script:
 * @self: a task
 *
 * The startup script of the task's worker.
 *
 * Returns: (nullable): the script, or %NULL
 */
const char *
studio_task_get_startup_script (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  return self->startup_script;
}

/**
 * studio_task_get_venv:
 * @self: a task
 *
 * The virtual environment the task runs in.
 *
 * Returns: (nullable): its name in `~/.venv`, or %NULL
 */
const char *
studio_task_get_venv (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  return self->venv;
}

/**
 * studio_task_get_policy:
 * @self: a task
 *
 * What becomes of the worker when the task ends.
 *
 * Returns: the policy
 */
StudioTaskPolicy
studio_task_get_policy (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), STUDIO_TASK_POLICY_TERMINATE);
  return self->policy;
}

/**
 * studio_task_get_capture:
 * @self: a task
 *
 * Whether the output is kept with the record.
 *
 * Returns: whether the output is kept
 */
gboolean
studio_task_get_capture (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), FALSE);
  return self->capture;
}

/**
 * studio_task_get_timeout:
 * @self: a task
 *
 * The most the task may run.
 *
 * Returns: seconds, or 0 for no limit
 */
guint
studio_task_get_timeout (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), 0);
  return self->timeout_seconds;
}

/**
 * studio_task_get_parameters:
 * @self: a task
 *
 * The notebook parameters, typed.
 *
 * Returns: (transfer none): the parameters, by name
 */
JsonObject *
studio_task_get_parameters (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  return self->parameters;
}

/**
 * studio_task_get_state:
 * @self: a task
 *
 * Where the task is in its life.
 *
 * Returns: the state
 */
StudioTaskState
studio_task_get_state (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), STUDIO_TASK_STATE_FAILED);
  return self->state;
}

/**
 * studio_task_get_worker_name:
 * @self: a task
 *
 * The name of the task's worker.
 *
 * Returns: (nullable): the name, or %NULL before the launch
 */
const char *
studio_task_get_worker_name (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  return self->worker_name;
}

/**
 * studio_task_get_exit_status:
 * @self: a task
 *
 * The task's exit status.
 *
 * Returns: the status, or -1 before the end or when the task never ran
 */
int
studio_task_get_exit_status (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), -1);
  return self->exit_status;
}

/**
 * studio_task_get_message:
 * @self: a task
 *
 * What went wrong.
 *
 * Returns: (nullable): a message a user can act on, or %NULL
 */
const char *
studio_task_get_message (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  return self->message;
}

/**
 * studio_task_get_created:
 * @self: a task
 *
 * When the task was started by its user.
 *
 * Returns: (transfer none) (nullable): the time
 */
GDateTime *
studio_task_get_created (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  return self->created;
}

/**
 * studio_task_get_started:
 * @self: a task
 *
 * When the task began to run on its worker.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL before
 */
GDateTime *
studio_task_get_started (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  return self->started;
}

/**
 * studio_task_get_ended:
 * @self: a task
 *
 * When the task ended.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL before
 */
GDateTime *
studio_task_get_ended (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  return self->ended;
}

/**
 * studio_task_get_kept:
 * @self: a task
 *
 * Whether the task's worker was kept.
 *
 * Returns: %TRUE when the worker was kept
 */
gboolean
studio_task_get_kept (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), FALSE);
  return self->kept;
}

/**
 * studio_task_get_output_notebook:
 * @self: a task
 *
 * The local copy of the executed notebook.
 *
 * Returns: (nullable): a path, or %NULL
 */
const char *
studio_task_get_output_notebook (StudioTask *self)
{
  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  return self->output_notebook;
}

/**
 * studio_task_dup_log_path:
 * @self: a task
 *
 * Where the task's output is kept.
 *
 * Returns: (transfer full): the path of the output log
 */
char *
studio_task_dup_log_path (StudioTask *self)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);
  dir = studio_task_record_dir (self->id);
  return g_build_filename (dir, "output.log", NULL);
}

/**
 * studio_task_dup_duration_text:
 * @self: a task
 *
 * How long the task has run, or ran: "2.5 s" under a minute (a task of a
 * second is not "0:00"), then "12:05", "1:02:09".
 *
 * Returns: (transfer full) (nullable): the duration, or %NULL before it runs
 */
char *
studio_task_dup_duration_text (StudioTask *self)
{
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan span;
  gint64 seconds;

  g_return_val_if_fail (STUDIO_IS_TASK (self), NULL);

  if (self->started == NULL)
    return NULL;
  now = g_date_time_new_now_utc ();
  span = MAX (0, g_date_time_difference (self->ended ? self->ended : now, self->started));
  seconds = span / G_TIME_SPAN_SECOND;
  if (seconds < 60)
    return g_strdup_printf (_("%.1f s"), (double) span / G_TIME_SPAN_SECOND);
  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600, (int) (seconds / 60 % 60),
                            (int) (seconds % 60));
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", seconds / 60, (int) (seconds % 60));
}

/* ---- state -------------------------------------------------------------------------- */

void
studio_task_set_state_full (StudioTask      *self,
                            StudioTaskState  state,
                            int              exit_status,
                            const char      *message)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->exit_status != exit_status)
    {
      self->exit_status = exit_status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXIT_STATUS]);
    }
  if (g_set_str (&self->message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  if (studio_task_state_is_final (state) && self->ended == NULL)
    self->ended = g_date_time_new_now_utc ();
  if (state == STUDIO_TASK_STATE_RUNNING && self->started == NULL)
    self->started = g_date_time_new_now_utc ();
  if (self->state != state)
    {
      g_debug ("task %s: %s", self->id, studio_task_state_names[state]);
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
studio_task_set_worker (StudioTask   *self,
                        StudioWorker *worker)
{
  if (studio_worker_get_id (worker) != NULL)
    g_set_str (&self->worker_id, studio_worker_get_id (worker));
  if (g_set_str (&self->worker_name, studio_worker_get_name (worker)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKER_NAME]);
}

void
studio_task_emit_output (StudioTask *self,
                         GBytes     *bytes)
{
  g_signal_emit (self, signals[OUTPUT], 0, bytes);
}

/* Private to the run: kept and the output notebook, when the task ends. */
static void
set_kept (StudioTask *self,
          gboolean    kept)
{
  if (self->kept != kept)
    {
      self->kept = kept;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEPT]);
    }
}

void
studio_task_set_outcome (StudioTask *self,
                         gboolean    kept,
                         const char *output_notebook)
{
  set_kept (self, kept);
  if (g_set_str (&self->output_notebook, output_notebook))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTPUT_NOTEBOOK]);
}

