/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Blocking variants of a region's verbs, for scripts (Python, a plain C
 * program), on AI Studio's one context for blocking calls (studio-sync.c). */
#include "studio-region-private.h"
#include "studio-sync-private.h"
#include "studio-service.h"

/**
 * studio_region_refresh_sync:
 * @self: a region
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the region's workers again, blocking until done; see
 * studio_region_refresh_async().
 *
 * Returns: %TRUE if the region answered
 */
gboolean
studio_region_refresh_sync (StudioRegion  *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  StudioSyncCall call;
  gboolean ok;

  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  studio_sync_call_begin (&call);
  studio_region_refresh_async (self, cancellable, studio_sync_call_done, &call);
  ok = studio_region_refresh_finish (self, studio_sync_call_wait (&call), error);
  studio_sync_call_end (&call);
  return ok;
}

typedef struct
{
  StudioProgressFunc func;
  gpointer data;
} Progress;

static void
on_progress (StudioWorker *worker,
             GParamSpec   *pspec,
             Progress     *progress)
{
  progress->func (worker, progress->data);
}

/* Waits for a launch or replica that returned worker at once, telling its progress. */
static StudioWorker *
wait_for_worker (StudioRegion        *self,
                 StudioWorker        *worker,
                 StudioSyncCall           *call,
                 StudioProgressFunc   progress_func,
                 gpointer             progress_data,
                 gboolean             replica,
                 GError             **error)
{
  g_autoptr(StudioWorker) held = worker ? g_object_ref (worker) : NULL;
  Progress progress = { progress_func, progress_data };
  StudioWorker *ready;
  GAsyncResult *result;
  gulong handler = 0;

  if (held != NULL && progress_func != NULL)
    handler = g_signal_connect (held, "notify::progress-text", G_CALLBACK (on_progress), &progress);
  result = studio_sync_call_wait (call);
  if (handler != 0)
    g_signal_handler_disconnect (held, handler);
  ready = replica ? studio_region_replicate_finish (self, result, error)
                  : studio_region_launch_finish (self, result, error);
  studio_sync_call_end (call);
  return ready;
}

/**
 * studio_region_launch_sync:
 * @self: a region
 * @options: what to launch
 * @progress_func: (scope call) (nullable): called as the launch makes progress
 *   (see #StudioWorker:progress-text)
 * @progress_data: (closure progress_func): data for @progress_func
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Launches a worker and blocks until it is ready; see
 * studio_region_launch_async().
 *
 * Returns: (transfer full): the ready worker, or %NULL with @error set
 */
StudioWorker *
studio_region_launch_sync (StudioRegion              *self,
                           const StudioLaunchOptions *options,
                           StudioProgressFunc         progress_func,
                           gpointer                   progress_data,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  StudioWorker *worker;
  StudioSyncCall call;

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  studio_sync_call_begin (&call);
  worker = studio_region_launch_async (self, options, cancellable, studio_sync_call_done, &call);
  return wait_for_worker (self, worker, &call, progress_func, progress_data, FALSE, error);
}

/**
 * studio_region_replicate_sync:
 * @self: a region
 * @worker: the worker to copy
 * @new_name: (nullable): the copy's name, or %NULL for one made from @worker's
 * @progress_func: (scope call) (nullable): called as the launch makes progress
 * @progress_data: (closure progress_func): data for @progress_func
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Launches a copy of @worker and blocks until it is ready; see
 * studio_region_replicate_async().
 *
 * Returns: (transfer full): the ready copy, or %NULL with @error set
 */
StudioWorker *
studio_region_replicate_sync (StudioRegion        *self,
                              StudioWorker        *worker,
                              const char          *new_name,
                              StudioProgressFunc   progress_func,
                              gpointer             progress_data,
                              GCancellable        *cancellable,
                              GError             **error)
{
  StudioWorker *copy;
  StudioSyncCall call;

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  g_return_val_if_fail (STUDIO_IS_WORKER (worker), NULL);
  studio_sync_call_begin (&call);
  copy = studio_region_replicate_async (self, worker, new_name, cancellable, studio_sync_call_done, &call);
  return wait_for_worker (self, copy, &call, progress_func, progress_data, TRUE, error);
}

typedef void     (*ActAsync)  (StudioRegion *, StudioWorker *, GCancellable *, GAsyncReadyCallback, gpointer);
typedef gboolean (*ActFinish) (StudioRegion *, GAsyncResult *, GError **);

static gboolean
act_sync (StudioRegion  *self,
          StudioWorker  *worker,
          ActAsync       start,
          ActFinish      finish,
          GCancellable  *cancellable,
          GError       **error)
{
  StudioSyncCall call;
  gboolean ok;

  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  g_return_val_if_fail (STUDIO_IS_WORKER (worker), FALSE);
  studio_sync_call_begin (&call);
  start (self, worker, cancellable, studio_sync_call_done, &call);
  ok = finish (self, studio_sync_call_wait (&call), error);
  studio_sync_call_end (&call);
  return ok;
}

/**
 * studio_region_stop_sync:
 * @self: a region
 * @worker: a worker of @self
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Stops @worker, keeping its disk, and blocks until it has stopped.
 *
 * Returns: %TRUE on success
 */
gboolean
studio_region_stop_sync (StudioRegion *self, StudioWorker *worker, GCancellable *cancellable, GError **error)
{
  return act_sync (self, worker, studio_region_stop_async, studio_region_stop_finish, cancellable, error);
}

/**
 * studio_region_start_sync:
 * @self: a region
 * @worker: a stopped worker of @self
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Starts @worker again and blocks until it is ready.
 *
 * Returns: %TRUE on success
 */
gboolean
studio_region_start_sync (StudioRegion *self, StudioWorker *worker, GCancellable *cancellable, GError **error)
{
  return act_sync (self, worker, studio_region_start_async, studio_region_start_finish, cancellable, error);
}

/**
 * studio_region_terminate_sync:
 * @self: a region
 * @worker: a worker of @self
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes @worker and its disk, and blocks until it is gone.
 *
 * Returns: %TRUE on success
 */
gboolean
studio_region_terminate_sync (StudioRegion *self, StudioWorker *worker, GCancellable *cancellable, GError **error)
{
  return act_sync (self, worker, studio_region_terminate_async, studio_region_terminate_finish, cancellable, error);
}

/**
 * studio_region_logs_sync:
 * @self: a region with %STUDIO_REGION_CAPABILITIES_LOGS
 * @worker: a worker of @self
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @worker's logs, blocking until done.
 *
 * Returns: (transfer full): the logs, or %NULL with @error set
 */
char *
studio_region_logs_sync (StudioRegion  *self,
                         StudioWorker  *worker,
                         GCancellable  *cancellable,
                         GError       **error)
{
  StudioSyncCall call;
  char *logs;

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  g_return_val_if_fail (STUDIO_IS_WORKER (worker), NULL);
  studio_sync_call_begin (&call);
  studio_region_logs_async (self, worker, cancellable, studio_sync_call_done, &call);
  logs = studio_region_logs_finish (self, studio_sync_call_wait (&call), error);
  studio_sync_call_end (&call);
  return logs;
}


/**
 * studio_region_list_services_sync:
 * @self: a region
 * @worker: a ready worker of @self
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * What @worker serves (JupyterLab, and each port a program of it listens
 * on), blocking until it answered; see studio_jupyter_list_services_async().
 *
 * Returns: (transfer full): a #GListModel of #StudioService, or %NULL with
 *   @error set
 */
GListModel *
studio_region_list_services_sync (StudioRegion  *self,
                                  StudioWorker  *worker,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  StudioSyncCall call;
  g_autoptr(StudioJupyter) jupyter = NULL;
  GListModel *services;

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  g_return_val_if_fail (STUDIO_IS_WORKER (worker), NULL);
  studio_sync_call_begin (&call);
  jupyter = studio_region_open_jupyter (self, worker);
  studio_jupyter_list_services_async (jupyter, cancellable, studio_sync_call_done, &call);
  services = studio_jupyter_list_services_finish (jupyter, studio_sync_call_wait (&call), error);
  studio_sync_call_end (&call);
  return services;
}
