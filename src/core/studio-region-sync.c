/* Blocking variants of a region's verbs, for scripts (Python, a plain C
 * program): each runs the asynchronous operation on AI Studio's own main
 * context, pushed as the thread's default for the time of the call, so it
 * neither needs nor disturbs a main loop of the caller's.
 *
 * One context for all blocking calls, not one per call: libsoup completes a
 * message only on the context it was queued in, and a connection or a
 * follow-up request (a refresh after a stop) outlives the call that began
 * it; the next blocking call finishes it. */
#include "studio-region-private.h"
#include "studio-task.h"

typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} SyncCall;

static GMainContext *
sync_context (void)
{
  static GMainContext *context;

  if (g_once_init_enter (&context))
    g_once_init_leave (&context, g_main_context_new ());
  return context;
}

static void
sync_call_begin (SyncCall *call)
{
  call->context = sync_context ();
  call->result = NULL;
  g_main_context_push_thread_default (call->context);
}

static void
sync_call_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SyncCall *call = user_data;

  call->result = g_object_ref (result);
}

/* Runs the call's context until its result is in. */
static GAsyncResult *
sync_call_wait (SyncCall *call)
{
  while (call->result == NULL)
    g_main_context_iteration (call->context, TRUE);
  return call->result;
}

/* After the result is finished: drops it while the context is still the
 * thread's default (freeing it may close a stream, which libsoup finishes on
 * the context it began in), lets what is ready go on, and gives the thread's
 * default context back. The rest goes on at the next blocking call. */
static void
sync_call_end (SyncCall *call)
{
  g_clear_object (&call->result);
  while (g_main_context_pending (call->context))
    g_main_context_iteration (call->context, FALSE);
  g_main_context_pop_thread_default (call->context);
}

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
  SyncCall call;
  gboolean ok;

  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  sync_call_begin (&call);
  studio_region_refresh_async (self, cancellable, sync_call_done, &call);
  ok = studio_region_refresh_finish (self, sync_call_wait (&call), error);
  sync_call_end (&call);
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
                 SyncCall            *call,
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
  result = sync_call_wait (call);
  if (handler != 0)
    g_signal_handler_disconnect (held, handler);
  ready = replica ? studio_region_replicate_finish (self, result, error)
                  : studio_region_launch_finish (self, result, error);
  sync_call_end (call);
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
  SyncCall call;

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  sync_call_begin (&call);
  worker = studio_region_launch_async (self, options, cancellable, sync_call_done, &call);
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
  SyncCall call;

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  g_return_val_if_fail (STUDIO_IS_WORKER (worker), NULL);
  sync_call_begin (&call);
  copy = studio_region_replicate_async (self, worker, new_name, cancellable, sync_call_done, &call);
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
  SyncCall call;
  gboolean ok;

  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  g_return_val_if_fail (STUDIO_IS_WORKER (worker), FALSE);
  sync_call_begin (&call);
  start (self, worker, cancellable, sync_call_done, &call);
  ok = finish (self, sync_call_wait (&call), error);
  sync_call_end (&call);
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
  SyncCall call;
  char *logs;

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  g_return_val_if_fail (STUDIO_IS_WORKER (worker), NULL);
  sync_call_begin (&call);
  studio_region_logs_async (self, worker, cancellable, sync_call_done, &call);
  logs = studio_region_logs_finish (self, sync_call_wait (&call), error);
  sync_call_end (&call);
  return logs;
}

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
  SyncCall call;
  gboolean ok;

  g_return_val_if_fail (STUDIO_IS_TASK (self), FALSE);
  sync_call_begin (&call);
  studio_task_run_async (self, detach, cancellable, sync_call_done, &call);
  ok = studio_task_run_finish (self, sync_call_wait (&call), error);
  sync_call_end (&call);
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
  SyncCall call;
  gboolean ok;

  g_return_val_if_fail (STUDIO_IS_TASK (self), FALSE);
  sync_call_begin (&call);
  studio_task_follow_async (self, until_end, cancellable, sync_call_done, &call);
  ok = studio_task_follow_finish (self, sync_call_wait (&call), error);
  sync_call_end (&call);
  return ok;
}
