/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Launching a worker on This Computer: image (pulled if missing), container,
 * startup script, then Jupyter answering with its token. */
#include <glib/gi18n-lib.h>

#include "studio-compat.h"
#include "studio-error.h"
#include "studio-image-build.h"
#include "studio-engine-region-private.h"
#include "studio-util.h"

#define POLL_MS 25   /* until Jupyter answers: it comes up in well under a second */
#define CHECK_CONTAINER_EVERY (2 * 20)   /* polls: once a second */


void
studio_engine_launch_data_free (LaunchData *data)
{
  studio_launch_options_free (data->options);
  g_clear_object (&data->worker);
  g_free (data->token);
  g_free (data->home);
  g_free (data->flavor);
  g_free (data->docker_stacks_start);
  g_clear_pointer (&data->layers, g_hash_table_unref);
  g_free (data->pull_error);
  g_clear_object (&data->source);
  g_free (data->commit_path);
  g_clear_error (&data->commit_error);
  g_free (data);
}

static void
launch_fail (GTask  *task,
             GError *error)
{
  StudioEngineRegion *self = g_task_get_source_object (task);
  LaunchData *data = g_task_get_task_data (task);

  studio_region_unmark_busy (STUDIO_REGION (self), data->worker);
  if (studio_worker_get_id (data->worker) == NULL)
    {
      /* No container was made: nothing to keep. */
      guint position;

      if (g_list_store_find (studio_region_get_store (STUDIO_REGION (self)), data->worker, &position))
        g_list_store_remove (studio_region_get_store (STUDIO_REGION (self)), position);
    }
  else
    {
      /* The container stays, so that its logs can be read. */
      studio_worker_set_state (data->worker, STUDIO_WORKER_STATE_FAILED);
      studio_worker_set_message (data->worker, error->message);
    }
  g_task_return_error (task, error);
  g_object_unref (task);   /* takes the caller's reference */
}

/* ---- waiting for Jupyter ------------------------------------------------ */

typedef struct
{
  StudioWorker *worker;
  StudioJupyter *jupyter;
  gint64 deadline;
  guint polls;
  guint timeout_seconds;
} WaitData;

static void
wait_data_free (WaitData *data)
{
  g_clear_object (&data->worker);
  g_clear_object (&data->jupyter);
  g_free (data);
}

static void poll_jupyter (GTask *task);

static void
wait_logs_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WaitData *data = g_task_get_task_data (task);
  g_autofree char *logs = studio_region_logs_finish (STUDIO_REGION (object), result, NULL);
  g_autofree char *last = studio_util_last_lines (logs, 1);
  const char *reason = g_object_get_data (G_OBJECT (task), "reason");
  const char *name = studio_worker_get_name (data->worker);

  if (g_strcmp0 (reason, "startup") == 0)
    g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_STARTUP_FAILED,
                             _("The startup script of worker %s failed (%s); its whole output is in the worker's logs."),
                             name, *last ? last : _("no output"));
  else if (g_strcmp0 (reason, "timeout") == 0)
    g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_TIMEOUT,
                             _("Jupyter on worker %s did not answer within %u seconds (last output: %s); "
                               "check the worker's logs, or terminate it."),
                             name, data->timeout_seconds, *last ? last : _("none"));
  else
    g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                             _("Worker %s stopped before Jupyter was ready (last output: %s); "
                               "check the image, and the worker's logs."),
                             name, *last ? last : _("none"));
}

static void
fail_with_logs (GTask      *task,
                const char *reason)
{
  StudioEngineRegion *self = g_task_get_source_object (task);
  WaitData *data = g_task_get_task_data (task);

  g_object_set_data (G_OBJECT (task), "reason", (gpointer) reason);
  studio_region_logs_async (STUDIO_REGION (self), data->worker, NULL, wait_logs_cb, task);
}

/* The container (its inspect) is no longer running: the wait fails with its
 * logs, and TRUE. */
static gboolean
container_ended (GTask    *task,
                 JsonNode *container)
{
  JsonObject *state = container && JSON_NODE_HOLDS_OBJECT (container)
    ? studio_util_json_object (json_node_get_object (container), "State") : NULL;

  if (state != NULL && g_strcmp0 (studio_util_json_string (state, "Status"), "running") != 0 &&
      g_strcmp0 (studio_util_json_string (state, "Status"), "created") != 0)
    {
      gint64 code = studio_util_json_int (state, "ExitCode", 0);
      fail_with_logs (task, code == STARTUP_FAILED_STATUS ? "startup" : "exited");
      return TRUE;
    }
  return FALSE;
}

static void
inspect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_engine_request_finish (STUDIO_ENGINE (object), result, NULL, &error);

  if (error != NULL)
    {
      if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND))
        g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND,
                                 _("The worker's container was removed while it was starting."));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (container_ended (task, node))
    return;
  studio_util_task_later (task, POLL_MS, poll_jupyter);
}

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  StudioEngineRegion *self = g_task_get_source_object (task);
  WaitData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, &error);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GDateTime) activity = studio_jupyter_parse_time (
        studio_util_json_string (json_node_get_object (node), "last_activity"));

      studio_worker_set_last_activity (data->worker, activity);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (g_get_monotonic_time () > data->deadline)
    {
      fail_with_logs (task, "timeout");
      return;
    }

  /* Now and then, make sure the container is still running. */
  if (++data->polls % CHECK_CONTAINER_EVERY == 0)
    {
      g_autofree char *path = studio_util_path ("/containers/%s/json", studio_worker_get_id (data->worker));

      studio_engine_request_async (self->engine, "GET", path, NULL, g_task_get_cancellable (task),
                                   inspect_cb, task);
      return;
    }
  studio_util_task_later (task, POLL_MS, poll_jupyter);
}

static void
poll_jupyter (GTask *task)
{
  WaitData *data = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  studio_jupyter_get_status_async (data->jupyter, g_task_get_cancellable (task), status_cb, task);
}

/* The port the engine published Jupyter on, as its container says
 * (NetworkSettings.Ports), or 0. Podman picks it when the container is
 * created and keeps it; Docker (20.10) picks one each time it starts. */
guint
studio_engine_region_read_port (JsonObject *container)
{
  JsonObject *settings = studio_util_json_object (container, "NetworkSettings");
  JsonArray *bindings = studio_util_json_array (studio_util_json_object (settings, "Ports"), JUPYTER_PORT);

  for (guint i = 0; bindings != NULL && i < json_array_get_length (bindings); i++)
    {
      const char *port = studio_util_json_string (studio_util_json_array_object (bindings, i), "HostPort");
      guint64 n;

      if (port != NULL && g_ascii_string_to_unsigned (port, 10, 1, 65535, &n, NULL))
        return (guint) n;
    }
  return 0;
}

static void
port_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  StudioEngineRegion *self = g_task_get_source_object (task);
  WaitData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_engine_request_finish (STUDIO_ENGINE (object), result, NULL, &error);
  guint port = node && JSON_NODE_HOLDS_OBJECT (node) ? studio_engine_region_read_port (json_node_get_object (node)) : 0;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  /* Docker publishes no port once the container has ended (a startup script that failed). */
  if (container_ended (task, node))
    return;
  if (port == 0)
    {
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_FAILED,
                               _("Worker %s has no published Jupyter port."), studio_worker_get_name (data->worker));
      g_object_unref (task);
      return;
    }
  {
    g_autofree char *token = g_strdup (studio_worker_get_token (data->worker));
    studio_engine_region_reach_jupyter (self, data->worker, port, token);
  }
  data->jupyter = studio_region_open_jupyter (STUDIO_REGION (self), data->worker);
  poll_jupyter (task);
}

/* Completes when the worker's Jupyter answers GET /api/status with its token,
 * or fails when the container ends first or the region's timeout passes. The
 * port comes first, from the engine, which chose it. */
static void
wait_secrets_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  WaitData *data = g_task_get_task_data (task);
  g_autofree char *path = studio_util_path ("/containers/%s/json", studio_worker_get_id (data->worker));

  studio_engine_region_read_secrets_finish (STUDIO_ENGINE_REGION (object), result, NULL);
  studio_engine_request_async (STUDIO_ENGINE_REGION (object)->engine, "GET", path, NULL,
                               g_task_get_cancellable (task), port_read_cb, task);
}

void
studio_engine_region_wait_ready_async (StudioEngineRegion   *self,
                                      StudioWorker        *worker,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  WaitData *data = g_new0 (WaitData, 1);
  g_autofree char *path = NULL;

  g_task_set_source_tag (task, studio_engine_region_wait_ready_async);
  data->worker = g_object_ref (worker);
  data->timeout_seconds = self->ready_timeout;
  data->deadline = g_get_monotonic_time () + (gint64) self->ready_timeout * G_USEC_PER_SEC;
  g_task_set_task_data (task, data, (GDestroyNotify) wait_data_free);

  studio_worker_set_progress (worker, _("Waiting for Jupyter"), -1.0);
  /* A worker this run has not seen running: its token from its container. */
  if (studio_engine_region_needs_secrets (worker))
    {
      studio_engine_region_read_secrets_async (self, worker, cancellable, wait_secrets_cb, task);
      return;
    }
  path = studio_util_path ("/containers/%s/json", studio_worker_get_id (worker));
  studio_engine_request_async (self->engine, "GET", path, NULL, cancellable, port_read_cb, task);
}

gboolean
studio_engine_region_wait_ready_finish (StudioEngineRegion  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- launch ------------------------------------------------------------- */

static void
ready_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioEngineRegion *self = STUDIO_ENGINE_REGION (object);
  LaunchData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!studio_engine_region_wait_ready_finish (self, result, &error))
    {
      launch_fail (g_steal_pointer (&task), error);
      return;
    }
  studio_region_unmark_busy (STUDIO_REGION (self), data->worker);
  studio_worker_set_state (data->worker, STUDIO_WORKER_STATE_READY);
  g_task_return_pointer (task, g_object_ref (data->worker), g_object_unref);
}

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioEngineRegion *self = g_task_get_source_object (task);
  LaunchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_engine_request_finish (STUDIO_ENGINE (object), result, NULL, &error);

  if (error != NULL)
    {
      launch_fail (g_steal_pointer (&task), studio_engine_region_start_error (data->worker, error));
      return;
    }
  studio_engine_region_wait_ready_async (self, data->worker, g_task_get_cancellable (task),
                                        ready_cb, g_object_ref (task));
}

static void
secrets_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioEngineRegion *self = STUDIO_ENGINE_REGION (object);
  LaunchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!studio_engine_region_write_secrets_finish (self, result, &error))
    {
      launch_fail (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }
  studio_worker_set_progress (data->worker, _("Starting"), -1.0);
  path = studio_util_path ("/containers/%s/start", studio_worker_get_id (data->worker));
  studio_engine_request_async (self->engine, "POST", path, NULL, g_task_get_cancellable (task),
                               started_cb, g_object_ref (task));
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LaunchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_engine_request_finish (STUDIO_ENGINE (object), result, NULL, &error);
  const char *id;
  g_autofree char *path = NULL;

  if (error != NULL)
    {
      /* Docker says 409; Podman says 500 "... is already in use". */
      if (g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_EXISTS) ||
          strstr (error->message, "already in use") != NULL)
        launch_fail (g_steal_pointer (&task),
                     g_error_new (STUDIO_ERROR, STUDIO_ERROR_EXISTS,
                                  _("The name %s is taken (a container named %s%s exists); choose another name."),
                                  data->options->name, CONTAINER_PREFIX, data->options->name));
      else
        launch_fail (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  id = node && JSON_NODE_HOLDS_OBJECT (node) ? studio_util_json_string (json_node_get_object (node), "Id") : NULL;
  if (id == NULL)
    {
      launch_fail (g_steal_pointer (&task),
                   g_error_new (STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY,
                                _("The container engine did not say which container it created.")));
      return;
    }
  studio_worker_set_id (data->worker, id);
  /* Its token and startup script go in as files, before it first starts. */
  studio_engine_region_write_secrets_async (g_task_get_source_object (task), id, data->token,
                                            data->options->startup_script ? data->options->startup_script : "",
                                            g_task_get_cancellable (task), secrets_written_cb, g_object_ref (task));
}

static void
create_container (GTask *task)
{
  StudioEngineRegion *self = g_task_get_source_object (task);
  LaunchData *data = g_task_get_task_data (task);
  StudioSize *size = studio_region_find_size (STUDIO_REGION (self), data->options->size);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *container_name = g_strconcat (CONTAINER_PREFIX, data->options->name, NULL);
  g_autofree char *path = NULL;

  /* Its address is known once it runs; the token now. */
  studio_worker_set_jupyter (data->worker, NULL, data->token);
  studio_worker_set_flavor (data->worker, data->flavor);
  studio_worker_set_progress (data->worker, _("Creating"), -1.0);
  body = studio_engine_container_spec (data, size);
  path = studio_util_path ("/containers/create?name=%s", container_name);
  studio_engine_request_async (self->engine, "POST", path, body, g_task_get_cancellable (task),
                               created_cb, task);
}

/* How to start Jupyter in this image, and where its user's home is. */
void
studio_engine_launch_read_image (LaunchData *data,
                                JsonObject *image)
{
  JsonObject *config = studio_util_json_object (image, "Config");
  JsonArray *cmd = studio_util_json_array (config, "Cmd");
  JsonArray *env = studio_util_json_array (config, "Env");
  const char *workdir = studio_util_json_string (config, "WorkingDir");

  for (guint i = 0; cmd && i < json_array_get_length (cmd); i++)
    {
      const char *arg = studio_util_json_array_string (cmd, i);
      g_autofree char *base = arg ? g_path_get_basename (arg) : NULL;

      if (base && (g_str_has_prefix (base, "start-notebook") || g_str_has_prefix (base, "start-singleuser")))
        {
          g_set_str (&data->docker_stacks_start, arg);
          break;
        }
    }
  if (data->options->flavor != NULL)
    data->flavor = g_strdup (data->options->flavor);
  else
    data->flavor = g_strdup (data->docker_stacks_start ? FLAVOR_DOCKER_STACKS : FLAVOR_JUPYTER);
  if (g_strcmp0 (data->flavor, FLAVOR_DOCKER_STACKS) == 0 && data->docker_stacks_start == NULL)
    data->docker_stacks_start = g_strdup ("start-notebook.py");
  if (g_strcmp0 (data->flavor, FLAVOR_DOCKER_STACKS) != 0)
    g_clear_pointer (&data->docker_stacks_start, g_free);

  for (guint i = 0; env && i < json_array_get_length (env); i++)
    {
      const char *var = studio_util_json_array_string (env, i);

      if (var && g_str_has_prefix (var, "HOME=") && var[5] == '/')
        g_set_str (&data->home, var + 5);
    }
  if (data->home == NULL)
    data->home = g_strdup (workdir && *workdir == '/' ? workdir : "/root");
}

static void inspect_image (GTask *task);

typedef struct
{
  gint64 current;
  gint64 total;
  gboolean done;
} Layer;

/* Docker reports bytes per layer; Podman only each layer's steps. Show bytes
 * when there are any, else layers done. */
void
studio_engine_launch_pull_line (JsonNode *node,
                               gpointer  user_data)
{
  LaunchData *data = user_data;
  JsonObject *obj = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *detail = studio_util_json_object (obj, "progressDetail");
  const char *error = studio_util_json_string (obj, "error");
  const char *id = studio_util_json_string (obj, "id");
  const char *status = studio_util_json_string (obj, "status");
  gint64 done = 0, total = 0;
  guint layers = 0, layers_done = 0;
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer value;
  Layer *layer;

  if (error != NULL)
    {
      g_set_str (&data->pull_error, error);
      return;
    }
  if (id == NULL || status == NULL || g_str_has_prefix (status, "Pulling from"))
    return;

  layer = g_hash_table_lookup (data->layers, id);
  if (layer == NULL)
    {
      layer = g_new0 (Layer, 1);
      g_hash_table_insert (data->layers, g_strdup (id), layer);
    }
  if (studio_util_json_int (detail, "total", 0) > 0)
    {
      layer->current = studio_util_json_int (detail, "current", 0);
      layer->total = studio_util_json_int (detail, "total", 0);
    }
  if (g_str_equal (status, "Download complete") || g_str_equal (status, "Pull complete") ||
      g_str_equal (status, "Already exists"))
    {
      layer->done = TRUE;
      layer->current = layer->total;
    }

  g_hash_table_iter_init (&iter, data->layers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Layer *l = value;
      done += l->current;
      total += l->total;
      layers++;
      layers_done += l->done;
    }
  if (total > 0)
    {
      g_autofree char *done_s = g_format_size_full (done, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *total_s = g_format_size_full (total, G_FORMAT_SIZE_IEC_UNITS);

      text = g_strdup_printf (_("Pulling image: %s of %s"), done_s, total_s);
      studio_worker_set_progress (data->worker, text, (double) done / total);
    }
  else
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Pulling image: %u of %u layer",
                                           "Pulling image: %u of %u layers", layers), layers_done, layers);
      studio_worker_set_progress (data->worker, text, (double) layers_done / layers);
    }
}

static void
pulled_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LaunchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!studio_engine_stream_finish (STUDIO_ENGINE (object), result, &error) &&
      (error->domain != STUDIO_ERROR || error->code == STUDIO_ERROR_NO_ENGINE))
    {
      launch_fail (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }
  if (error != NULL || data->pull_error != NULL)
    {
      launch_fail (g_steal_pointer (&task),
                   g_error_new (STUDIO_ERROR, STUDIO_ERROR_IMAGE_NOT_FOUND,
                                _("Image %s is not on this computer and could not be pulled (%s). "
                                  "Check its name and the network, or build the image on this computer."),
                                data->options->image, error ? error->message : data->pull_error));
      return;
    }
  g_object_set_data (G_OBJECT (task), "pulled", GINT_TO_POINTER (TRUE));
  inspect_image (g_steal_pointer (&task));
}

static void
image_inspected_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LaunchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_engine_request_finish (STUDIO_ENGINE (object), result, NULL, &error);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (error == NULL)
    {
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          launch_fail (g_steal_pointer (&task),
                       g_error_new (STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY,
                                    _("The container engine described image %s in a form AI Studio cannot read."),
                                    data->options->image));
          return;
        }
      studio_engine_launch_read_image (data, json_node_get_object (node));
      create_container (g_steal_pointer (&task));
      return;
    }
  if (!g_error_matches (error, STUDIO_ERROR, STUDIO_ERROR_NOT_FOUND) ||
      g_object_get_data (G_OBJECT (task), "pulled"))
    {
      launch_fail (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }
  /* AI Studio's own images are built here, never pulled. */
  if (studio_image_can_build (data->options->image))
    {
      launch_fail (g_steal_pointer (&task),
                   g_error_new (STUDIO_ERROR, STUDIO_ERROR_IMAGE_NOT_BUILT,
                                _("Image %s is not in %s yet. Build it from the launch dialog, or with "
                                  "“ai-studio-cli build-image %s” (a few minutes, once)."),
                                data->options->image, studio_region_get_name (g_task_get_source_object (task)),
                                data->options->image));
      return;
    }

  text = g_strdup_printf (_("Pulling image %s"), data->options->image);
  studio_worker_set_progress (data->worker, text, 0.0);
  data->layers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  path = studio_util_path ("/images/create?fromImage=%s", data->options->image);
  studio_engine_stream_async (STUDIO_ENGINE (object), "POST", path, studio_engine_launch_pull_line, data,
                              g_task_get_cancellable (task), pulled_cb, g_object_ref (task));
}

static void
inspect_image (GTask *task)
{
  StudioEngineRegion *self = g_task_get_source_object (task);
  LaunchData *data = g_task_get_task_data (task);
  g_autofree char *path = studio_util_path ("/images/%s/json", data->options->image);

  studio_engine_request_async (self->engine, "GET", path, NULL, g_task_get_cancellable (task),
                               image_inspected_cb, task);
}

/* Checks the options and puts the new worker in the list; on a bad option,
 * returns FALSE with the task already failed. */
static gboolean
prepare_launch (StudioEngineRegion *self,
                GTask             *task,
                StudioLaunchOptions *o)
{
  StudioRegion *region = STUDIO_REGION (self);
  LaunchData *data = g_new0 (LaunchData, 1);
  GError *error = NULL;
  StudioSize *size;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  data->options = o;
  g_task_set_task_data (task, data, (GDestroyNotify) studio_engine_launch_data_free);

  if (o->image == NULL || *o->image == '\0')
    g_set_str (&o->image, STUDIO_LOCAL_REGION_DEFAULT_IMAGE);
  if (o->auto_shutdown_minutes < 0)
    o->auto_shutdown_minutes = STUDIO_DEFAULT_AUTO_SHUTDOWN_MINUTES;
  if (o->name == NULL || *o->name == '\0')
    {
      g_free (o->name);
      o->name = studio_region_suggest_name (region, "worker");
    }
  if (o->size == NULL || *o->size == '\0')
    g_set_str (&o->size, studio_size_get_available (studio_region_find_size (region, "small")) ? "small" : "x-small");

  if (!studio_util_check_name (o->name, &error))
    goto fail;
  if (!studio_util_check_image_reference (o->image, &error))
    goto fail;
  if (studio_region_find_worker (region, o->name) != NULL)
    {
      error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_EXISTS,
                           _("A worker named %s already exists; choose another name."), o->name);
      goto fail;
    }
  size = studio_region_find_size (region, o->size);
  if (size == NULL)
    {
      GListModel *sizes = studio_region_list_sizes (region);
      g_autoptr(GString) known = g_string_new (NULL);

      for (guint i = 0; i < g_list_model_get_n_items (sizes); i++)
        {
          g_autoptr(StudioSize) s = g_list_model_get_item (sizes, i);
          g_string_append_printf (known, "%s%s", i ? ", " : "", studio_size_get_id (s));
        }
      error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_INVALID_SIZE,
                           _("There is no size “%s”; choose one of: %s."), o->size, known->str);
      goto fail;
    }
  if (!studio_size_get_available (size))
    {
      error = g_error_new (STUDIO_ERROR, STUDIO_ERROR_SIZE_UNAVAILABLE,
                           _("Size %s is too large for this computer: %s Choose a smaller size."),
                           studio_size_get_name (size), studio_size_get_unavailable_reason (size));
      goto fail;
    }
  g_set_str (&o->size, studio_size_get_id (size));

  data->token = studio_util_random_token ();
  data->worker = studio_worker_new (o->name, studio_region_get_id (region));
  studio_worker_set_state (data->worker, STUDIO_WORKER_STATE_LAUNCHING);
  studio_worker_set_size (data->worker, o->size);
  studio_worker_set_image (data->worker, o->image);
  studio_worker_set_created (data->worker, now);
  studio_worker_set_auto_shutdown_minutes (data->worker, o->auto_shutdown_minutes);
  studio_worker_set_startup_script (data->worker, o->startup_script);
  studio_worker_set_progress (data->worker, _("Preparing"), -1.0);
  studio_region_mark_busy (region, data->worker, STUDIO_WORKER_STATE_LAUNCHING);
  g_list_store_append (studio_region_get_store (region), data->worker);
  return TRUE;

fail:
  g_task_return_error (task, error);
  return FALSE;
}

StudioWorker *
studio_engine_region_launch_async (StudioRegion              *region,
                                  const StudioLaunchOptions *options,
                                  GCancellable              *cancellable,
                                  GAsyncReadyCallback        callback,
                                  gpointer                   user_data)
{
  StudioEngineRegion *self = STUDIO_ENGINE_REGION (region);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  LaunchData *data;

  g_task_set_source_tag (task, studio_engine_region_launch_async);
  if (!prepare_launch (self, task, studio_launch_options_copy (options)))
    {
      g_object_unref (task);
      return NULL;
    }
  data = g_task_get_task_data (task);
  inspect_image (task);
  return data->worker;
}

StudioWorker *
studio_engine_region_launch_finish (StudioRegion  *region,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- replicate ---------------------------------------------------------- */

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LaunchData *data = g_task_get_task_data (task);
  GError *error = NULL;

  /* Were the source's token not back, it would not start again: say so. */
  if (!studio_engine_region_write_secrets_finish (STUDIO_ENGINE_REGION (object), result, &error))
    {
      g_prefix_error (&error, _("Worker %s may not start again (its token could not be put back): "),
                      studio_worker_get_name (data->source));
      launch_fail (g_steal_pointer (&task), error);
      return;
    }
  if (data->commit_error != NULL)
    {
      launch_fail (g_steal_pointer (&task), g_steal_pointer (&data->commit_error));
      return;
    }
  studio_worker_set_image (data->worker, data->options->image);
  inspect_image (g_steal_pointer (&task));
}

static void
committed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  LaunchData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = studio_engine_request_finish (STUDIO_ENGINE (object), result, NULL, &data->commit_error);

  /* The source's token back in place, whether the copy was made or not. */
  studio_engine_region_write_secrets_async (g_task_get_source_object (task), studio_worker_get_id (data->source),
                                            studio_worker_get_token (data->source), NULL,
                                            NULL, restored_cb, task);
}

static void
blanked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  StudioEngineRegion *self = STUDIO_ENGINE_REGION (object);
  LaunchData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;

  if (!studio_engine_region_write_secrets_finish (self, result, &error))
    {
      launch_fail (task, error);
      return;
    }
  /* Podman wants a body here, even an empty one. */
  body = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (body, json_object_new ());
  studio_engine_request_async (self->engine, "POST", data->commit_path, body, cancellable, committed_cb, task);
}

static void
blank_source (GTask *task)
{
  LaunchData *data = g_task_get_task_data (task);

  if (studio_worker_get_token (data->source) == NULL)
    {
      launch_fail (task, g_error_new (STUDIO_ERROR, STUDIO_ERROR_FAILED,
                                      _("Worker %s's token could not be read from its container; try again."),
                                      studio_worker_get_name (data->source)));
      return;
    }
  g_set_str (&data->options->startup_script, studio_worker_get_startup_script (data->source));
  studio_engine_region_write_secrets_async (g_task_get_source_object (task), studio_worker_get_id (data->source), "",
                                            NULL, g_task_get_cancellable (task), blanked_cb, task);
}

static void
source_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  studio_engine_region_read_secrets_finish (STUDIO_ENGINE_REGION (object), result, NULL);
  blank_source (user_data);
}

/* A new worker from a copy of this one's disk (not of ~/my or ~/shared, which
 * every worker shares anyway), with the same size, script and auto-shutdown. */
StudioWorker *
studio_engine_region_replicate_async (StudioRegion        *region,
                                     StudioWorker        *worker,
                                     const char          *new_name,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  StudioEngineRegion *self = STUDIO_ENGINE_REGION (region);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  StudioLaunchOptions *o = studio_launch_options_new ();
  LaunchData *data;
  g_autofree char *base = NULL;
  g_autofree char *tag = NULL;

  g_task_set_source_tag (task, studio_engine_region_replicate_async);

  if (studio_worker_get_id (worker) == NULL)
    {
      studio_launch_options_free (o);
      g_task_return_new_error (task, STUDIO_ERROR, STUDIO_ERROR_NOT_RUNNING,
                               _("Worker %s is still being created; replicate it once it is launched."),
                               studio_worker_get_name (worker));
      g_object_unref (task);
      return NULL;
    }

  base = g_strdup_printf ("%s-copy", studio_worker_get_name (worker));
  o->name = new_name && *new_name ? g_strdup (new_name) : studio_region_suggest_name (region, base);
  o->size = g_strdup (studio_worker_get_size (worker));
  o->startup_script = g_strdup (studio_worker_get_startup_script (worker));
  o->auto_shutdown_minutes = studio_worker_get_auto_shutdown_minutes (worker);
  o->flavor = g_strdup (studio_worker_get_flavor (worker));
  tag = g_ascii_strdown (o->name, -1);
  o->image = g_strdup_printf ("%s:%s", REPLICA_REPOSITORY, tag);

  if (!prepare_launch (self, task, o))
    {
      g_object_unref (task);
      return NULL;
    }
  data = g_task_get_task_data (task);
  data->source = g_object_ref (worker);
  studio_worker_set_progress (data->worker, _("Copying the worker's disk"), -1.0);
  /* The copy's image carries none of its source's secrets: its token file
   * is blanked while the disk is copied, then put back (the copy gets a
   * token of its own as it is created). A worker of an earlier release had
   * it as a label and in Jupyter's environment, which the engine's commit
   * sets with Dockerfile lines (changes). */
  data->commit_path = studio_util_path ("/commit?container=%s&repo=%s&tag=%s&pause=true&changes=%s&changes=%s",
                                        studio_worker_get_id (worker), REPLICA_REPOSITORY, tag,
                                        "LABEL " LABEL_TOKEN "=\"\"", "ENV JUPYTER_TOKEN=\"\"");
  /* Its token (to put back) and script, read from its container when this
   * run has not yet (a stopped worker). */
  if (studio_engine_region_needs_secrets (worker))
    studio_engine_region_read_secrets_async (self, worker, cancellable, source_read_cb, task);
  else
    blank_source (task);
  return data->worker;
}

StudioWorker *
studio_engine_region_replicate_finish (StudioRegion  *region,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
