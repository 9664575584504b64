/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An engine region's workers stopped, started and terminated: the engine's
 * calls on their containers, then Jupyter waited for after a start. */
#include <glib/gi18n-lib.h>

#include "studio-engine-region-private.h"
#include "studio-error.h"
#include "studio-util.h"

typedef struct
{
  StudioWorker *worker;
  StudioWorkerAction action;
} ActData;

static void
act_data_free (ActData *data)
{
  g_clear_object (&data->worker);
  g_free (data);
}

static void
act_refreshed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  studio_region_refresh_finish (STUDIO_REGION (object), result, NULL);
  g_task_return_boolean (task, TRUE);
}

/* A terminated worker leaves the list at once; the rest of it is refreshed after. */
static void
terminated (GTask *task)
{
  StudioEngineRegion *self = g_task_get_source_object (task);
  ActData *data = g_task_get_task_data (task);
  guint position;

  if (g_list_store_find (studio_region_get_store (STUDIO_REGION (self)), data->worker, &position))
    g_list_store_remove (studio_region_get_store (STUDIO_REGION (self)), position);
  g_task_return_boolean (task, TRUE);
  studio_region_refresh_async (STUDIO_REGION (self), NULL, NULL, NULL);
  g_object_unref (task);
}

static void
replica_image_removed_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(JsonNode) reply = NULL;

  /* The engine refuses while another worker uses the image: it stays for that one. */
  reply = studio_engine_request_finish (STUDIO_ENGINE (object), result, NULL, NULL);
  terminated (user_data);
}

static void
act_finish_ok (GTask *task)
{
  StudioEngineRegion *self = g_task_get_source_object (task);
  ActData *data = g_task_get_task_data (task);

  studio_region_unmark_busy (STUDIO_REGION (self), data->worker);
  if (data->action == STUDIO_WORKER_ACTION_TERMINATE)
    {
      const char *image = studio_worker_get_image (data->worker);

      /* A replica's image was made for it alone. The terminate ends with it,
       * so that a process that exits then (the CLI) leaves no image behind. */
      if (image != NULL && g_str_has_prefix (image, REPLICA_REPOSITORY ":"))
        {
          g_autofree char *path = studio_util_path ("/images/%s", image);
          studio_engine_request_async (self->engine, "DELETE", path, NULL, NULL, replica_image_removed_cb, task);
          return;
        }
      terminated (task);
      return;
    }
  studio_region_refresh_async (STUDIO_REGION (self), NULL, act_refreshed_cb, task);
}

static void
act_fail (GTask  *task,
          GError *error)
{
  StudioEngineRegion *self = g_task_get_source_object (task);
  ActData *data = g_task_get_task_data (task);

  studio_region_unmark_busy (STUDIO_REGION (self), data->worker);
  g_task_return_error (task, error);
  /* Show the worker as it really is now. */
  studio_region_refresh_async (STUDIO_REGION (self), NULL, NULL, NULL);
  g_object_unref (task);   /* the caller's reference, as act_finish_ok takes it */
}

static void
ready_after_start_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!studio_engine_region_wait_ready_finish (STUDIO_ENGINE_REGION (object), result, &error))
    act_fail (g_steal_pointer (&task), error);
  else
    act_finish_ok (g_steal_pointer (&task));
}

/* Turns the engine's "address already in use" into what the user can do about it. */
GError *
studio_engine_region_start_error (StudioWorker *worker,
                                 const GError *error)
{
  if (error->domain == STUDIO_ERROR &&
      (strstr (error->message, "address already in use") != NULL ||
       strstr (error->message, "port is already allocated") != NULL))
    {
      const char *url = studio_worker_get_jupyter_url (worker);

      return g_error_new (STUDIO_ERROR, STUDIO_ERROR_PORT_IN_USE,
                          _("Worker %s cannot start: another program now uses its port (%s). "
                            "Close that program, or replicate the worker to get a new port."),
                          studio_worker_get_name (worker), url ? url : "?");
    }
  return g_error_copy (error);
}

static void
act_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioEngineRegion *self = g_task_get_source_object (task);
  ActData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_engine_request_finish (STUDIO_ENGINE (object), result, NULL, &error);

  if (error != NULL)
    {
      if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
        {
          if (data->action == STUDIO_WORKER_ACTION_TERMINATE)
            {
              act_finish_ok (g_steal_pointer (&task));
              return;
            }
          act_fail (g_steal_pointer (&task),
                    g_error_new (STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND,
                                 _("Worker %s no longer exists."), studio_worker_get_name (data->worker)));
          return;
        }
      if (data->action == STUDIO_WORKER_ACTION_START)
        act_fail (g_steal_pointer (&task), studio_engine_region_start_error (data->worker, error));
      else
        act_fail (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  if (data->action == STUDIO_WORKER_ACTION_START)
    studio_engine_region_wait_ready_async (self, data->worker, g_task_get_cancellable (task),
                                          ready_after_start_cb, g_object_ref (task));
  else
    act_finish_ok (g_steal_pointer (&task));
}

void
studio_engine_region_act_async (StudioRegion        *region,
                               StudioWorker        *worker,
                               StudioWorkerAction   action,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  StudioEngineRegion *self = STUDIO_ENGINE_REGION (region);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ActData *data = g_new0 (ActData, 1);
  const char *id = studio_worker_get_id (worker);
  g_autofree char *path = NULL;
  const char *method = "POST";
  StudioWorkerState busy_state;

  g_task_set_source_tag (task, studio_engine_region_act_async);
  data->worker = g_object_ref (worker);
  data->action = action;
  g_task_set_task_data (task, data, (GDestroyNotify) act_data_free);

  if (id == NULL)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_RUNNING,
                               _("Worker %s is still being created; wait until it is launched."),
                               studio_worker_get_name (worker));
      g_object_unref (task);
      return;
    }

  switch (action)
    {
    case STUDIO_WORKER_ACTION_STOP:
      path = studio_util_path ("/containers/%s/stop?t=10", id);
      busy_state = STUDIO_WORKER_STATE_STOPPING;
      break;
    case STUDIO_WORKER_ACTION_START:
      path = studio_util_path ("/containers/%s/start", id);
      busy_state = STUDIO_WORKER_STATE_STARTING;
      break;
    case STUDIO_WORKER_ACTION_TERMINATE:
      /* v=true removes the container's anonymous volumes; named ones (~/my, ~/shared) stay. */
      path = studio_util_path ("/containers/%s?force=true&v=true", id);
      method = "DELETE";
      busy_state = STUDIO_WORKER_STATE_TERMINATING;
      break;
    default:
      g_assert_not_reached ();
    }

  studio_region_mark_busy (STUDIO_REGION (self), worker, busy_state);
  studio_engine_request_async (self->engine, method, path, NULL, cancellable, act_cb, task);
}

gboolean
studio_engine_region_act_finish (StudioRegion  *region,
                                GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
