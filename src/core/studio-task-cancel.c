/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cancelling a task: SIGINT to its runner, from a Jupyter terminal on the
 * worker (or an interrupt of the keeper's kernel, which passes it on). */
#include <glib/gi18n-lib.h>

#include "studio-error.h"
#include "studio-jupyter-private.h"
#include "studio-task-run-private.h"
#include "studio-terminal-channel.h"
#include "studio-util.h"

static void
interrupted_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioTask *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!studio_jupyter_interrupt_kernel_finish (STUDIO_JUPYTER (object), result, &error))
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
  cancellable = g_task_get_cancellable (task);
  studio_jupyter_interrupt_kernel_async (jupyter, self->kernel_id, cancellable, interrupted_cb, g_steal_pointer (&task));
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
