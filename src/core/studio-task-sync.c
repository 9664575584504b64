/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Blocking variants of a task's run and follow, for scripts, on AI Studio's
 * one context for blocking calls (studio-sync.c). */
#include "studio-sync-private.h"
#include "studio-task.h"

/**
 * studio_task_run_sync:
 * @self: a task not started yet
 * @detach: %TRUE to return once the task runs; %FALSE to follow it to its end
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Runs the task, blocking until it has ended (or runs, with @detach); its
 * output comes in #StudioTask::output meanwhile. See studio_task_run_async().
 *
 * Returns: %TRUE when the task ran; its state and exit status say how it ended
 */
gboolean
studio_task_run_sync (StudioTask    *self,
                      gboolean       detach,
                      GCancellable  *cancellable,
                      GError       **error)
{
  StudioSyncCall call;
  gboolean ok;

  g_return_val_if_fail (STUDIO_IS_TASK (self), FALSE);
  studio_sync_call_begin (&call);
  studio_task_run_async (self, detach, cancellable, studio_sync_call_done, &call);
  ok = studio_task_run_finish (self, studio_sync_call_wait (&call), error);
  studio_sync_call_end (&call);
  return ok;
}

/**
 * studio_task_follow_sync:
 * @self: a task
 * @until_end: %TRUE to follow until it ends; %FALSE to look once
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Follows the task, blocking; see studio_task_follow_async().
 *
 * Returns: %TRUE when the task's state is known
 */
gboolean
studio_task_follow_sync (StudioTask    *self,
                         gboolean       until_end,
                         GCancellable  *cancellable,
                         GError       **error)
{
  StudioSyncCall call;
  gboolean ok;

  g_return_val_if_fail (STUDIO_IS_TASK (self), FALSE);
  studio_sync_call_begin (&call);
  studio_task_follow_async (self, until_end, cancellable, studio_sync_call_done, &call);
  ok = studio_task_follow_finish (self, studio_sync_call_wait (&call), error);
  studio_sync_call_end (&call);
  return ok;
}
