/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A region's lifecycle verbs as GIO async pairs: each dispatches to the kind
 * of region (StudioRegionClass); Keep Running and the Jupyter client are
 * the same for every kind. The blocking variants are in studio-region-sync.c. */
#include "studio-jupyter.h"
#include "studio-region-private.h"

/**
 * studio_region_refresh_async:
 * @self: a region
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * Reads the region's workers and state again.
 */
void
studio_region_refresh_async (StudioRegion        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_REGION (self));
  STUDIO_REGION_GET_CLASS (self)->refresh_async (self, cancellable, callback, user_data);
}

/**
 * studio_region_refresh_finish:
 * @self: a region
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * %TRUE if the region answered.
 *
 * Returns: %TRUE if the region answered
 */
gboolean
studio_region_refresh_finish (StudioRegion  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  return STUDIO_REGION_GET_CLASS (self)->refresh_finish (self, result, error);
}

/**
 * studio_region_launch_async:
 * @self: a region
 * @options: what to launch
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * Launches a worker. The worker being launched is returned at once, already in the region's list, so that callers can follow its progress (#StudioWorker:progress-text); the callback gets the outcome.
 *
 * Returns: (transfer none) (nullable): the worker being launched, or %NULL when the options are refused at once
 */
StudioWorker *
studio_region_launch_async (StudioRegion              *self,
                            const StudioLaunchOptions *options,
                            GCancellable              *cancellable,
                            GAsyncReadyCallback        callback,
                            gpointer                   user_data)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  return STUDIO_REGION_GET_CLASS (self)->launch_async (self, options, cancellable, callback, user_data);
}

/**
 * studio_region_launch_finish:
 * @self: a region
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * The ready worker, or %NULL with @error set.
 *
 * Returns: (transfer full): the ready worker, or %NULL with @error set
 */
StudioWorker *
studio_region_launch_finish (StudioRegion  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return STUDIO_REGION_GET_CLASS (self)->launch_finish (self, result, error);
}

static void
act_async (StudioRegion        *self,
           StudioWorker        *worker,
           StudioWorkerAction   action,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_REGION (self));
  g_return_if_fail (STUDIO_IS_WORKER (worker));
  STUDIO_REGION_GET_CLASS (self)->act_async (self, worker, action, cancellable, callback, user_data);
}

static gboolean
act_finish (StudioRegion  *self,
            GAsyncResult  *result,
            GError       **error)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  return STUDIO_REGION_GET_CLASS (self)->act_finish (self, result, error);
}

/**
 * studio_region_stop_async:
 * @self: a region
 * @worker: a worker of @self
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * Stops @worker, keeping its disk. Stopping a stopped worker succeeds and changes nothing.
 */
void
studio_region_stop_async (StudioRegion *self, StudioWorker *worker, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  act_async (self, worker, STUDIO_WORKER_ACTION_STOP, cancellable, callback, user_data);
}

/**
 * studio_region_stop_finish:
 * @self: a region
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * %TRUE on success.
 *
 * Returns: %TRUE on success
 */
gboolean
studio_region_stop_finish (StudioRegion *self, GAsyncResult *result, GError **error)
{
  return act_finish (self, result, error);
}

/**
 * studio_region_start_async:
 * @self: a region
 * @worker: a worker of @self
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * Starts a stopped @worker and waits until its Jupyter server answers. Starting a running worker succeeds and changes nothing.
 */
void
studio_region_start_async (StudioRegion *self, StudioWorker *worker, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  act_async (self, worker, STUDIO_WORKER_ACTION_START, cancellable, callback, user_data);
}

/**
 * studio_region_start_finish:
 * @self: a region
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * %TRUE on success.
 *
 * Returns: %TRUE on success
 */
gboolean
studio_region_start_finish (StudioRegion *self, GAsyncResult *result, GError **error)
{
  return act_finish (self, result, error);
}

/**
 * studio_region_terminate_async:
 * @self: a region
 * @worker: a worker of @self
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * Removes @worker and its disk (the user's shared folders stay).
 */
void
studio_region_terminate_async (StudioRegion *self, StudioWorker *worker, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  act_async (self, worker, STUDIO_WORKER_ACTION_TERMINATE, cancellable, callback, user_data);
}

/**
 * studio_region_terminate_finish:
 * @self: a region
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * %TRUE on success.
 *
 * Returns: %TRUE on success
 */
gboolean
studio_region_terminate_finish (StudioRegion *self, GAsyncResult *result, GError **error)
{
  return act_finish (self, result, error);
}

/**
 * studio_region_replicate_async:
 * @self: a region
 * @worker: the worker to copy
 * @new_name: (nullable): the copy's name, or %NULL for one made from @worker's
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * Launches a copy of @worker: the same size, image and startup script, and its disk where the region can copy it (%STUDIO_REGION_CAPABILITIES_COPIES_DISKS).
 *
 * Returns: (transfer none) (nullable): the copy being launched, as for studio_region_launch_async()
 */
StudioWorker *
studio_region_replicate_async (StudioRegion        *self,
                               StudioWorker        *worker,
                               const char          *new_name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  g_return_val_if_fail (STUDIO_IS_WORKER (worker), NULL);
  return STUDIO_REGION_GET_CLASS (self)->replicate_async (self, worker, new_name, cancellable,
                                                           callback, user_data);
}

/**
 * studio_region_replicate_finish:
 * @self: a region
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * The ready copy, or %NULL with @error set.
 *
 * Returns: (transfer full): the ready copy, or %NULL with @error set
 */
StudioWorker *
studio_region_replicate_finish (StudioRegion  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return STUDIO_REGION_GET_CLASS (self)->replicate_finish (self, result, error);
}

/**
 * studio_region_logs_async:
 * @self: a region
 * @worker: a worker of @self
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * Reads @worker's logs (%STUDIO_REGION_CAPABILITIES_LOGS).
 */
void
studio_region_logs_async (StudioRegion        *self,
                          StudioWorker        *worker,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_REGION (self));
  g_return_if_fail (STUDIO_IS_WORKER (worker));
  STUDIO_REGION_GET_CLASS (self)->logs_async (self, worker, cancellable, callback, user_data);
}

/**
 * studio_region_logs_finish:
 * @self: a region
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * The logs, or %NULL with @error set.
 *
 * Returns: (transfer full): the logs, or %NULL with @error set
 */
char *
studio_region_logs_finish (StudioRegion  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return STUDIO_REGION_GET_CLASS (self)->logs_finish (self, result, error);
}

static void
keep_running_refreshed_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  studio_region_refresh_finish (STUDIO_REGION (object), result, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
keep_running_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Read Jupyter's new last activity, so the countdown starts again. */
  studio_region_refresh_async (g_task_get_source_object (task), NULL, keep_running_refreshed_cb,
                               g_object_ref (task));
}

/**
 * studio_region_keep_running_async:
 * @self: a region
 * @worker: a worker of @self
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation is done
 * @user_data: data for @callback
 *
 * Counts as activity for Jupyter's idle shutdown, so the countdown starts again. Any authenticated API call does, except `/api/status`, which Jupyter leaves out on purpose.
 */
void
studio_region_keep_running_async (StudioRegion        *self,
                                  StudioWorker        *worker,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  g_autoptr(StudioJupyter) jupyter = NULL;

  g_return_if_fail (STUDIO_IS_REGION (self));
  g_return_if_fail (STUDIO_IS_WORKER (worker));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_region_keep_running_async);
  if (studio_worker_get_jupyter_url (worker) == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  jupyter = studio_region_open_jupyter (self, worker);
  studio_jupyter_call_async (jupyter, "GET", "api/contents?content=0", NULL, cancellable, keep_running_cb, task);
}

/**
 * studio_region_keep_running_finish:
 * @self: a region
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * %TRUE on success.
 *
 * Returns: %TRUE on success
 */
gboolean
studio_region_keep_running_finish (StudioRegion  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * studio_region_open_jupyter:
 * @self: a region
 * @worker: a worker of @self
 *
 * A client of the worker's Jupyter server, reaching it as the region does (the same TLS trust, for a hub).
 *
 * Returns: (transfer full) (nullable): a new client, or %NULL while the worker has no server URL
 */
StudioJupyter *
studio_region_open_jupyter (StudioRegion *self,
                            StudioWorker *worker)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  g_return_val_if_fail (STUDIO_IS_WORKER (worker), NULL);

  if (studio_worker_get_jupyter_url (worker) == NULL)
    return NULL;
  return STUDIO_REGION_GET_CLASS (self)->open_jupyter (self, worker);
}
