/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StudioTasks: every task of the user as a live list, for a front end that
 * shows them: the records under the data directory, read again when one
 * changes (a task started by the CLI shows up), and every task that has not
 * ended followed to its end, so that it is settled (its worker ended per its
 * policy) and announced (StudioTasks::task-ended) while the front end runs. */
#include <glib/gi18n-lib.h>

#include "studio-regions-private.h"
#include "studio-task-private.h"
#include "studio-tasks.h"

struct _StudioTasks
{
  GObject parent_instance;

  StudioRegions *regions;
  GPtrArray *tasks;             /* StudioTask, newest first */
  GHashTable *followed;         /* id -> the task being followed */
  GFileMonitor *monitor;
  guint reload_id;
  GCancellable *cancellable;
};

enum {
  TASK_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void studio_tasks_list_model_init (GListModelInterface *iface);

/**
 * StudioTasks:
 *
 * The user's tasks, newest first, as a #GListModel of #StudioTask that
 * stays current: a task started elsewhere (the CLI) appears, one removed
 * goes, and every task that runs is followed to its end.
 */
G_DEFINE_FINAL_TYPE_WITH_CODE (StudioTasks, studio_tasks, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, studio_tasks_list_model_init))

static GType
get_item_type (GListModel *model)
{
  return STUDIO_TYPE_TASK;
}

static guint
get_n_items (GListModel *model)
{
  return STUDIO_TASKS (model)->tasks->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  StudioTasks *self = STUDIO_TASKS (model);

  if (position >= self->tasks->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->tasks, position));
}

static void
studio_tasks_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
studio_tasks_dispose (GObject *object)
{
  StudioTasks *self = STUDIO_TASKS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->followed, g_hash_table_unref);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_object (&self->regions);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (studio_tasks_parent_class)->dispose (object);
}

static void
studio_tasks_class_init (StudioTasksClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = studio_tasks_dispose;

  /**
   * StudioTasks::task-ended:
   * @self: the tasks
   * @task: the task that ended, while followed here
   *
   * A task ended (succeeded, failed, cancelled or ran out of time), seen
   * while it was followed: the moment to tell the user.
   */
  signals[TASK_ENDED] = g_signal_new ("task-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                      NULL, G_TYPE_NONE, 1, STUDIO_TYPE_TASK);
}

static void
studio_tasks_init (StudioTasks *self)
{
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->followed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cancellable = g_cancellable_new ();
}

static void follow (StudioTasks *self, StudioTask *task);

static void
followed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  StudioTask *task = STUDIO_TASK (object);
  StudioTasks *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = studio_task_follow_finish (task, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  if (!ok)
    g_message ("Stopped following task %s: %s", studio_task_get_id (task), error->message);
  if (studio_task_state_is_final (studio_task_get_state (task)))
    g_signal_emit (self, signals[TASK_ENDED], 0, task);
  g_hash_table_remove (self->followed, studio_task_get_id (task));
  g_object_unref (self);
}

static void
follow (StudioTasks *self,
        StudioTask  *task)
{
  if (studio_task_state_is_final (studio_task_get_state (task)) ||
      g_hash_table_contains (self->followed, studio_task_get_id (task)))
    return;
  g_hash_table_insert (self->followed, g_strdup (studio_task_get_id (task)), g_object_ref (task));
  studio_task_follow_async (task, TRUE, self->cancellable, followed_cb, g_object_ref (self));
}

static int
find (StudioTasks *self,
      const char  *id)
{
  for (guint i = 0; i < self->tasks->len; i++)
    if (g_str_equal (studio_task_get_id (g_ptr_array_index (self->tasks, i)), id))
      return (int) i;
  return -1;
}

static int
position_for (StudioTasks *self,
              StudioTask  *task)
{
  GDateTime *created = studio_task_get_created (task);
  guint i;

  for (i = 0; created != NULL && i < self->tasks->len; i++)
    {
      GDateTime *other = studio_task_get_created (g_ptr_array_index (self->tasks, i));
      if (other == NULL || g_date_time_compare (created, other) >= 0)
        break;
    }
  return (int) (created == NULL ? self->tasks->len : i);
}

static void
insert (StudioTasks *self,
        StudioTask  *task)
{
  int at = position_for (self, task);

  g_ptr_array_insert (self->tasks, at, g_object_ref (task));
  g_list_model_items_changed (G_LIST_MODEL (self), at, 0, 1);
}

/* The records as read, off the main thread: regions are given in merge(). */
static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_pointer (task, studio_task_load_all (NULL, NULL), (GDestroyNotify) g_ptr_array_unref);
}

static void
merge (StudioTasks *self,
       GPtrArray   *loaded)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < loaded->len; i++)
    {
      StudioTask *record = g_ptr_array_index (loaded, i);
      int at = find (self, studio_task_get_id (record));

      g_hash_table_add (seen, (gpointer) studio_task_get_id (record));
      if (at < 0)
        {
          if (record->region_id != NULL)
            record->region = studio_regions_lookup (self->regions, record->region_id);
          insert (self, record);
          follow (self, record);
        }
      else
        /* One whose following stopped (its region did not answer) is followed again. */
        follow (self, g_ptr_array_index (self->tasks, at));
    }
  for (guint i = self->tasks->len; i > 0; i--)
    {
      StudioTask *task = g_ptr_array_index (self->tasks, i - 1);

      /* Gone from disk, and not one being launched here (no record yet). */
      if (!g_hash_table_contains (seen, studio_task_get_id (task)) && studio_task_get_created (task) != NULL &&
          studio_task_state_is_final (studio_task_get_state (task)))
        {
          g_ptr_array_remove_index (self->tasks, i - 1);
          g_list_model_items_changed (G_LIST_MODEL (self), i - 1, 1, 0);
        }
    }
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GPtrArray) loaded = g_task_propagate_pointer (G_TASK (result), NULL);

  if (loaded != NULL && !g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    merge (STUDIO_TASKS (object), loaded);
}

/**
 * studio_tasks_reload:
 * @self: the tasks
 *
 * Reads the records again, off the main thread (done by itself when they
 * change).
 */
void
studio_tasks_reload (StudioTasks *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STUDIO_IS_TASKS (self));

  task = g_task_new (self, self->cancellable, loaded_cb, NULL);
  g_task_set_source_tag (task, studio_tasks_reload);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

static gboolean
reload_cb (gpointer user_data)
{
  StudioTasks *self = user_data;

  self->reload_id = 0;
  studio_tasks_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_changed (GFileMonitor      *monitor,
            GFile             *file,
            GFile             *other,
            GFileMonitorEvent  event,
            StudioTasks       *self)
{
  g_autofree char *name = g_file_get_basename (file);

  if (!g_str_has_suffix (name, ".json"))
    return;
  /* A few writes come together (the record is replaced whole): read once. */
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (200, reload_cb, self);
}

/**
 * studio_tasks_new:
 * @regions: the registry, which gives each task its region
 *
 * The user's tasks, read in the background and kept current.
 *
 * Returns: (transfer full): the tasks
 */
StudioTasks *
studio_tasks_new (StudioRegions *regions)
{
  StudioTasks *self;
  g_autofree char *dir = studio_task_records_dir ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);

  g_return_val_if_fail (STUDIO_IS_REGIONS (regions), NULL);

  self = g_object_new (STUDIO_TYPE_TASKS, NULL);
  self->regions = g_object_ref (regions);
  g_mkdir_with_parents (dir, 0700);
  self->monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (on_changed), self);
  studio_tasks_reload (self);
  return self;
}

static void
ran_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  StudioTask *task = STUDIO_TASK (object);
  StudioTasks *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_task_run_finish (task, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  /* Also a task that could not run: its record says why. */
  g_signal_emit (self, signals[TASK_ENDED], 0, task);
  g_hash_table_remove (self->followed, studio_task_get_id (task));
  g_object_unref (self);
}

/**
 * studio_tasks_run:
 * @self: the tasks
 * @task: a task not started yet
 *
 * Adds the task to the list and runs it to its end
 * (studio_task_run_async()); #StudioTasks::task-ended tells when it has
 * ended, also when it could not run (its message says why).
 */
void
studio_tasks_run (StudioTasks *self,
                  StudioTask  *task)
{
  g_return_if_fail (STUDIO_IS_TASKS (self));
  g_return_if_fail (STUDIO_IS_TASK (task));

  g_hash_table_insert (self->followed, g_strdup (studio_task_get_id (task)), g_object_ref (task));
  g_ptr_array_insert (self->tasks, 0, g_object_ref (task));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, 1);
  studio_task_run_async (task, FALSE, self->cancellable, ran_cb, g_object_ref (self));
}

/**
 * studio_tasks_lookup:
 * @self: the tasks
 * @id: a task's id
 *
 * The task with that id.
 *
 * Returns: (transfer none) (nullable): the task, or %NULL
 */
StudioTask *
studio_tasks_lookup (StudioTasks *self,
                     const char  *id)
{
  int at;

  g_return_val_if_fail (STUDIO_IS_TASKS (self), NULL);
  at = find (self, id);
  return at < 0 ? NULL : g_ptr_array_index (self->tasks, at);
}
