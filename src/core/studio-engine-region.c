/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A region on a Docker-compatible engine (Podman or Docker) at an address:
 * workers are its containers. This Computer is the one whose engine is
 * found where Podman's and Docker's clients look. */
#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "studio-error.h"
#include "studio-image-build.h"
#include "studio-engine-region-private.h"
#include "studio-util.h"

#define DEFAULT_READY_TIMEOUT 300

/**
 * StudioEngineRegion:
 *
 * Workers are containers on a Docker-compatible engine (Podman or Docker)
 * at an address: This Computer (#StudioEngineRegion:address %NULL: the
 * engine found on this computer's usual sockets), or an engine the user
 * added by its socket (kind "engine").
 */
G_DEFINE_TYPE (StudioEngineRegion, studio_engine_region, STUDIO_TYPE_REGION)

enum {
  PROP_0,
  PROP_ADDRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const known_images[] = {
  STUDIO_LOCAL_REGION_DEFAULT_IMAGE,
  STUDIO_DATA_SCIENCE_IMAGE,
  "quay.io/jupyter/minimal-notebook:latest",
  "quay.io/jupyter/scipy-notebook:latest",
  "quay.io/jupyter/pytorch-notebook:latest",
  NULL
};

static void
studio_engine_region_dispose (GObject *object)
{
  StudioEngineRegion *self = STUDIO_ENGINE_REGION (object);

  g_cancellable_cancel (self->cancellable);
  studio_engine_region_set_live (self, FALSE);
  /* Timers that a refresh or an event starts on a region that is not live. */
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->soon_id, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->engine);
  g_clear_object (&self->jupyter_session);
  g_clear_object (&self->sizes);
  g_clear_pointer (&self->pending_refreshes, g_ptr_array_unref);

  G_OBJECT_CLASS (studio_engine_region_parent_class)->dispose (object);
}

static void
studio_engine_region_finalize (GObject *object)
{
  g_free (STUDIO_ENGINE_REGION (object)->address);
  G_OBJECT_CLASS (studio_engine_region_parent_class)->finalize (object);
}

static GListModel *
studio_engine_region_list_sizes (StudioRegion *region)
{
  return G_LIST_MODEL (STUDIO_ENGINE_REGION (region)->sizes);
}

static const char * const *
studio_engine_region_list_images (StudioRegion *region)
{
  return known_images;
}

/* ---- listing ---------------------------------------------------------- */

static StudioJupyter *
studio_engine_region_open_jupyter (StudioRegion *region,
                                  StudioWorker *worker)
{
  return studio_jupyter_new (STUDIO_ENGINE_REGION (region)->jupyter_session,
                             studio_worker_get_jupyter_url (worker), studio_worker_get_token (worker));
}

/* This Computer's engine publishes on this computer's loopback. */
static char *
studio_engine_region_real_reach_port (StudioEngineRegion *self,
                                      guint               port)
{
  return g_strdup_printf ("http://127.0.0.1:%u/", port);
}

/* The one place that turns the engine's published port into the address
 * this process reaches the worker's Jupyter at (reach_port: on this
 * computer's loopback, or through a region's tunnel). */
void
studio_engine_region_reach_jupyter (StudioEngineRegion *self,
                                    StudioWorker       *worker,
                                    guint               port,
                                    const char         *token)
{
  g_autofree char *url = STUDIO_ENGINE_REGION_GET_CLASS (self)->reach_port (self, port);

  studio_worker_set_jupyter (worker, url, token);
}

/* "Exited (3) 2 minutes ago" -> 3 */
static int
exit_status_from (const char *status)
{
  const char *paren = status ? strchr (status, '(') : NULL;

  return paren ? atoi (paren + 1) : 0;
}

static StudioWorkerState
state_from_container (StudioWorker *worker,
                      JsonObject   *container)
{
  const char *state = studio_util_json_string (container, "State");
  const char *status = studio_util_json_string (container, "Status");

  if (g_strcmp0 (state, "running") == 0)
    /* Ready only once its Jupyter answers; the probe decides. */
    return studio_worker_get_state (worker) == STUDIO_WORKER_STATE_READY
      ? STUDIO_WORKER_STATE_READY : STUDIO_WORKER_STATE_LAUNCHING;
  if (g_strcmp0 (state, "exited") == 0 || g_strcmp0 (state, "stopped") == 0)
    {
      int code = exit_status_from (status);

      /* Jupyter exits 0 on a stop or its idle shutdown; 137 and 143 are the engine's signals. */
      if (code == 0 || code == 130 || code == 137 || code == 143)
        {
          studio_worker_set_message (worker, NULL);
          return STUDIO_WORKER_STATE_STOPPED;
        }
      if (code == STARTUP_FAILED_STATUS)
        studio_worker_set_message (worker, _("The startup script failed; its output is in the worker's logs."));
      else
        {
          g_autofree char *message = g_strdup_printf (_("Jupyter exited with status %d; see the worker's logs."), code);
          studio_worker_set_message (worker, message);
        }
      return STUDIO_WORKER_STATE_FAILED;
    }
  if (g_strcmp0 (state, "removing") == 0)
    return STUDIO_WORKER_STATE_TERMINATING;
  if (g_strcmp0 (state, "restarting") == 0)
    return STUDIO_WORKER_STATE_STARTING;
  if (g_strcmp0 (state, "stopping") == 0)
    return STUDIO_WORKER_STATE_STOPPING;
  if (g_strcmp0 (state, "dead") == 0)
    {
      studio_worker_set_message (worker, _("The container engine reports this worker's container as dead."));
      return STUDIO_WORKER_STATE_FAILED;
    }
  /* created, configured, paused: not running, and Start runs it. */
  return STUDIO_WORKER_STATE_STOPPED;
}

static guint
published_port (JsonObject *container,
                JsonObject *labels)
{
  JsonArray *ports = studio_util_json_array (container, "Ports");

  for (guint i = 0; ports && i < json_array_get_length (ports); i++)
    {
      JsonNode *node = json_array_get_element (ports, i);
      JsonObject *port = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (studio_util_json_int (port, "PrivatePort", 0) == 8888 &&
          studio_util_json_int (port, "PublicPort", 0) > 0)
        return studio_util_json_int (port, "PublicPort", 0);
    }
  /* Workers made before the engine chose their port keep it in a label
   * (a stopped container lists no ports on Docker). */
  return (guint) g_ascii_strtoull (studio_util_json_string (labels, LABEL_PORT) ?: "0", NULL, 10);
}

static void
update_worker (StudioEngineRegion *self,
               StudioWorker      *worker,
               JsonObject        *container,
               JsonObject        *labels)
{
  const char *created = studio_util_json_string (labels, LABEL_CREATED);
  g_autoptr(GDateTime) created_dt = created ? studio_jupyter_parse_time (created) : NULL;
  guint port = published_port (container, labels);
  StudioWorkerState busy_state;
  const char *token;

  if (created_dt == NULL)
    created_dt = g_date_time_new_from_unix_utc (studio_util_json_int (container, "Created", 0));

  studio_worker_set_id (worker, studio_util_json_string (container, "Id"));
  studio_worker_set_size (worker, studio_util_json_string (labels, LABEL_SIZE));
  studio_worker_set_image (worker, studio_util_json_string (labels, LABEL_IMAGE) ?:
                                   studio_util_json_string (container, "Image"));
  studio_worker_set_created (worker, created_dt);
  studio_worker_set_auto_shutdown_minutes (worker, (guint) g_ascii_strtoull (
    studio_util_json_string (labels, LABEL_AUTO_SHUTDOWN) ?: "0", NULL, 10));
  studio_worker_set_flavor (worker, studio_util_json_string (labels, LABEL_FLAVOR));
  /* The token and startup script are files in the container, read until
   * the token is known (studio-engine-region-secrets.c); containers of
   * earlier releases carry them as labels. */
  token = studio_util_json_string (labels, LABEL_TOKEN);
  /* (A replica's image blanks its source's label: its own token is a file.) */
  if (token == NULL || *token == '\0')
    token = studio_worker_get_token (worker);
  if (studio_util_json_string (labels, LABEL_STARTUP) != NULL)
    studio_worker_set_startup_script (worker, studio_util_json_string (labels, LABEL_STARTUP));
  /* A stopped container on Docker publishes no port until it starts again. */
  if (port > 0)
    studio_engine_region_reach_jupyter (self, worker, port, token);
  else
    studio_worker_set_jupyter (worker, NULL, token);

  if (studio_region_is_busy (STUDIO_REGION (self), studio_worker_get_name (worker), &busy_state))
    studio_worker_set_state (worker, busy_state);
  else
    studio_worker_set_state (worker, state_from_container (worker, container));
}

typedef struct
{
  guint probes;
} RefreshData;

static void
finish_refresh (StudioEngineRegion *self,
                const GError      *error);

/* One probe (or the list itself) is done; takes the caller's reference. */
static void
refresh_done_one (GTask *task)
{
  g_autoptr(GTask) owned = task;
  RefreshData *data = g_task_get_task_data (owned);

  if (--data->probes == 0)
    finish_refresh (g_task_get_source_object (owned), NULL);
}

static void
kernels_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioWorker *worker = g_object_get_data (object, "worker");
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, NULL);
  JsonArray *kernels = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint busy = 0;

  for (guint i = 0; kernels && i < json_array_get_length (kernels); i++)
    if (g_strcmp0 (studio_util_json_string (studio_util_json_array_object (kernels, i), "execution_state"), "busy") == 0)
      busy++;
  studio_worker_set_busy_kernels (worker, busy);
  refresh_done_one (g_steal_pointer (&task));
}

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioEngineRegion *self = g_task_get_source_object (task);
  StudioWorker *worker = g_object_get_data (object, "worker");
  g_autoptr(JsonNode) node = studio_jupyter_call_finish (STUDIO_JUPYTER (object), result, NULL);

  if (!studio_region_is_busy (STUDIO_REGION (self), studio_worker_get_name (worker), NULL))
    {
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          const char *activity = studio_util_json_string (json_node_get_object (node), "last_activity");
          g_autoptr(GDateTime) dt = studio_jupyter_parse_time (activity);

          studio_worker_set_last_activity (worker, dt);
          studio_worker_set_state (worker, STUDIO_WORKER_STATE_READY);
          /* Past its idle deadline and still up: a busy kernel may be keeping
           * it (Jupyter never culls those). Asking must not count as activity. */
          if (studio_worker_get_seconds_left (worker) == 0)
            {
              studio_jupyter_call_async (STUDIO_JUPYTER (object), "GET", "api/kernels?no_track_activity=1", NULL,
                                         NULL, kernels_cb, g_steal_pointer (&task));
              return;
            }
          studio_worker_set_busy_kernels (worker, 0);
        }
      else
        studio_worker_set_state (worker, STUDIO_WORKER_STATE_LAUNCHING);
    }
  refresh_done_one (g_steal_pointer (&task));
}

/* The engine's list of containers, applied to the region's workers: ours are
 * added or updated, those gone are removed. Returns the workers whose Jupyter
 * to probe (running, with a port), or NULL with an error for a list that is
 * not one. Reads no network: the fuzzers call it too. */
GPtrArray *
studio_engine_region_apply_list (StudioEngineRegion  *self,
                                JsonNode           *node,
                                GError            **error)
{
  g_autoptr(GPtrArray) to_probe = g_ptr_array_new_with_free_func (g_object_unref);
  StudioRegionMerge *merge;
  JsonArray *containers;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, STUDIO_ERROR, STUDIO_ERROR_BAD_REPLY,
                   node == NULL ? _("The container engine sent an empty list.")
                                : _("The container engine's list of containers is not a list."));
      return NULL;
    }

  containers = json_node_get_array (node);
  merge = studio_region_merge_begin (STUDIO_REGION (self));
  for (guint i = 0; i < json_array_get_length (containers); i++)
    {
      JsonObject *container = studio_util_json_array_object (containers, i);
      JsonObject *labels = studio_util_json_object (container, "Labels");
      const char *name = studio_util_json_string (labels, LABEL_WORKER);
      StudioWorker *worker;

      /* Not ours, or not in a shape we made: never listed, never touched;
       * a second container of one name is not listed either. */
      if (name == NULL || !studio_util_check_name (name, NULL) ||
          (worker = studio_region_merge_worker (merge, name)) == NULL)
        continue;
      update_worker (self, worker, container, labels);

      if (g_strcmp0 (studio_util_json_string (container, "State"), "running") == 0 &&
          studio_worker_get_jupyter_url (worker) != NULL)
        g_ptr_array_add (to_probe, g_object_ref (worker));
    }

  /* Gone from the engine: gone from the list, unless we are still making it. */
  studio_region_merge_end (merge);
  return g_steal_pointer (&to_probe);
}

/* Asks the worker's Jupyter whether it is up, and since when it is idle. */
static void
probe_worker (GTask        *task,
              StudioWorker *worker)
{
  StudioEngineRegion *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(StudioJupyter) jupyter = studio_region_open_jupyter (STUDIO_REGION (self), worker);

  g_object_set_data_full (G_OBJECT (jupyter), "worker", g_object_ref (worker), g_object_unref);
  data->probes++;
  studio_jupyter_get_status_async (jupyter, g_task_get_cancellable (task), probe_cb, g_object_ref (task));
}

static void
secrets_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  StudioWorker *worker = g_task_get_task_data (G_TASK (result));

  studio_engine_region_read_secrets_finish (STUDIO_ENGINE_REGION (object), result, NULL);
  if (studio_worker_get_jupyter_url (worker) != NULL)
    probe_worker (task, worker);
  refresh_done_one (task);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioEngineRegion *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = studio_engine_request_finish (STUDIO_ENGINE (object), result, NULL, &error);
  g_autoptr(GPtrArray) to_probe = error ? NULL : studio_engine_region_apply_list (self, node, &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        studio_region_set_status (STUDIO_REGION (self), FALSE, error->message);
      /* The engine that answers next may be another: ask it again. */
      self->machine_asked = FALSE;
      finish_refresh (self, error);
      return;
    }

  /* (A list that answered as the engine went has no description left: the last one holds.) */
  studio_region_set_status (STUDIO_REGION (self), TRUE, studio_engine_get_description (self->engine) ?:
                                                        studio_region_get_status (STUDIO_REGION (self)));
  studio_region_set_notice (STUDIO_REGION (self), studio_engine_get_notice (self->engine));
  studio_engine_region_read_machine (self);
  data->probes = 1;
  for (guint i = 0; i < to_probe->len; i++)
    {
      StudioWorker *worker = g_ptr_array_index (to_probe, i);

      /* A running worker's token is read first (once a run; a stopped
       * one's when it starts), then it is probed with it. */
      if (studio_engine_region_needs_secrets (worker))
        {
          data->probes++;
          studio_engine_region_read_secrets_async (self, worker, g_task_get_cancellable (task), secrets_cb,
                                                   g_object_ref (task));
        }
      else
        probe_worker (task, worker);
    }
  refresh_done_one (g_steal_pointer (&task));
}

static void
start_refresh (StudioEngineRegion *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, NULL, NULL);
  g_autofree char *path = NULL;


  g_task_set_task_data (task, g_new0 (RefreshData, 1), g_free);
  path = studio_util_path ("/containers/json?all=true&filters=%s", "{\"label\":[\"" LABEL_WORKER "\"]}");
  studio_engine_request_async (self->engine, "GET", path, NULL, self->cancellable, list_cb,
                               g_steal_pointer (&task));
}

static gboolean
soon_tick (gpointer user_data)
{
  StudioEngineRegion *self = user_data;

  self->soon_id = 0;
  studio_region_refresh_async (STUDIO_REGION (self), NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

/* A worker coming up elsewhere (another app, the CLI) turns ready without an
 * engine event: while one is, look again every second. */
static void
schedule_soon_if_coming_up (StudioEngineRegion *self)
{
  GListModel *workers = studio_region_get_workers (STUDIO_REGION (self));

  if (!self->live || self->soon_id != 0)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (workers); i++)
    {
      g_autoptr(StudioWorker) worker = g_list_model_get_item (workers, i);
      StudioWorkerState state = studio_worker_get_state (worker);

      if ((state == STUDIO_WORKER_STATE_LAUNCHING || state == STUDIO_WORKER_STATE_STARTING) &&
          !studio_region_is_busy (STUDIO_REGION (self), studio_worker_get_name (worker), NULL))
        {
          self->soon_id = g_timeout_add_seconds (1, soon_tick, self);
          return;
        }
    }
}

static void
finish_refresh (StudioEngineRegion *self,
                const GError      *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->pending_refreshes);

  schedule_soon_if_coming_up (self);
  studio_util_tasks_return (waiting, error);

  /* Someone asked again while we listed: what they want to see may be newer. */
  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      self->pending_refreshes = g_ptr_array_new_with_free_func (g_object_unref);
      start_refresh (self);
    }
}

static void
studio_engine_region_refresh_async (StudioRegion        *region,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  StudioEngineRegion *self = STUDIO_ENGINE_REGION (region);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, studio_engine_region_refresh_async);

  if (self->pending_refreshes != NULL)
    {
      self->refresh_again = TRUE;
      g_ptr_array_add (self->pending_refreshes, task);
      return;
    }
  self->pending_refreshes = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->pending_refreshes, task);
  start_refresh (self);
}

static gboolean
studio_engine_region_refresh_finish (StudioRegion  *region,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- logs --------------------------------------------------------------- */

static void
logs_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioWorker *worker = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) bytes = studio_engine_request_bytes_finish (STUDIO_ENGINE (object), result, &error);
  g_autofree char *text = NULL;

  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Jupyter logs the URLs it is asked for, the token in them included. */
  text = studio_engine_demux_logs (bytes);
  g_task_return_pointer (task, studio_util_redact_token (text, studio_worker_get_token (worker)), g_free);
}

static void
studio_engine_region_logs_async (StudioRegion        *region,
                                StudioWorker        *worker,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  StudioEngineRegion *self = STUDIO_ENGINE_REGION (region);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *path = NULL;

  g_task_set_source_tag (task, studio_engine_region_logs_async);
  g_task_set_task_data (task, g_object_ref (worker), g_object_unref);
  if (studio_worker_get_id (worker) == NULL)
    {
      g_task_return_pointer (task, g_strdup (""), g_free);
      g_object_unref (task);
      return;
    }
  path = studio_util_path ("/containers/%s/logs?stdout=true&stderr=true", studio_worker_get_id (worker));
  studio_engine_request_bytes_async (self->engine, "GET", path, cancellable, logs_cb, task);
}

static char *
studio_engine_region_logs_finish (StudioRegion  *region,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- construction ------------------------------------------------------- */

static StudioRegionCapabilities
studio_engine_region_get_capabilities (StudioRegion *region)
{
  StudioEngineRegion *self = STUDIO_ENGINE_REGION (region);

  return STUDIO_REGION_CAPABILITIES_IMAGES | STUDIO_REGION_CAPABILITIES_LOGS |
         STUDIO_REGION_CAPABILITIES_COPIES_DISKS | STUDIO_REGION_CAPABILITIES_STARTUP_SCRIPT |
         STUDIO_REGION_CAPABILITIES_AUTO_SHUTDOWN | STUDIO_REGION_CAPABILITIES_BUILDS_IMAGES |
         (self->address != NULL ? STUDIO_REGION_CAPABILITIES_REMOVABLE : 0);
}

static void
studio_engine_region_set_watched (StudioRegion *region,
                                 gboolean      watched)
{
  studio_engine_region_set_live (STUDIO_ENGINE_REGION (region), watched);
}

/* Without an address, g_object_new () makes This Computer, whatever its id. */
static void
studio_engine_region_constructed (GObject *object)
{
  StudioEngineRegion *self = STUDIO_ENGINE_REGION (object);

  G_OBJECT_CLASS (studio_engine_region_parent_class)->constructed (object);
  if (self->address == NULL)
    studio_region_set_identity (STUDIO_REGION (object), STUDIO_LOCAL_REGION_ID, _("This Computer"));
  self->engine = studio_engine_new (self->address);
  studio_engine_region_apply_machine (self, NULL);
}

static void
studio_engine_region_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ADDRESS: g_value_set_string (value, STUDIO_ENGINE_REGION (object)->address); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_engine_region_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  StudioEngineRegion *self = STUDIO_ENGINE_REGION (object);
  const char *address;

  switch (prop_id)
    {
    case PROP_ADDRESS:
      address = g_value_get_string (value);
      /* A path is a socket's: "unix://" is understood. */
      if (address != NULL && *address != '\0')
        self->address = g_path_is_absolute (address) ? g_strconcat ("unix://", address, NULL) : g_strdup (address);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_engine_region_class_init (StudioEngineRegionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  StudioRegionClass *region_class = STUDIO_REGION_CLASS (klass);

  object_class->constructed = studio_engine_region_constructed;
  object_class->dispose = studio_engine_region_dispose;
  object_class->finalize = studio_engine_region_finalize;
  object_class->get_property = studio_engine_region_get_property;
  object_class->set_property = studio_engine_region_set_property;
  _studio_engine_region_class_init_kind (region_class);
  klass->reach_port = studio_engine_region_real_reach_port;

  region_class->list_sizes = studio_engine_region_list_sizes;
  region_class->list_images = studio_engine_region_list_images;
  region_class->refresh_async = studio_engine_region_refresh_async;
  region_class->refresh_finish = studio_engine_region_refresh_finish;
  region_class->launch_async = studio_engine_region_launch_async;
  region_class->launch_finish = studio_engine_region_launch_finish;
  region_class->act_async = studio_engine_region_act_async;
  region_class->act_finish = studio_engine_region_act_finish;
  region_class->replicate_async = studio_engine_region_replicate_async;
  region_class->replicate_finish = studio_engine_region_replicate_finish;
  region_class->logs_async = studio_engine_region_logs_async;
  region_class->logs_finish = studio_engine_region_logs_finish;
  region_class->open_jupyter = studio_engine_region_open_jupyter;
  region_class->has_live_updates = studio_engine_region_has_live_updates;
  region_class->get_capabilities = studio_engine_region_get_capabilities;
  region_class->set_watched = studio_engine_region_set_watched;
  region_class->stats_async = studio_engine_region_stats_async;
  region_class->stats_finish = studio_engine_region_stats_finish;

  /**
   * StudioEngineRegion:address:
   *
   * The engine's address (`unix:///path/to/podman.sock`, or the socket's
   * path); %NULL for This Computer, whose engine is found where Podman's
   * and Docker's clients look (`CONTAINER_HOST`, `DOCKER_HOST`, their
   * usual sockets).
   */
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_engine_region_init (StudioEngineRegion *self)
{
  self->jupyter_session = soup_session_new_with_options ("timeout", 10, "max-conns-per-host", 8,
                                                         /* Jupyter is on 127.0.0.1: never via a proxy. */
                                                         "proxy-resolver", NULL, NULL);
  self->cancellable = g_cancellable_new ();
  self->ready_timeout = DEFAULT_READY_TIMEOUT;
  /* For tests and slow machines: how long a launch waits for Jupyter. */
  if (g_getenv ("AI_STUDIO_READY_TIMEOUT") != NULL)
    studio_engine_region_set_ready_timeout (self, (guint) g_ascii_strtoull (g_getenv ("AI_STUDIO_READY_TIMEOUT"), NULL, 10));

  self->sizes = g_list_store_new (STUDIO_TYPE_SIZE);
}

/**
 * studio_engine_region_new:
 * @address: (nullable): the engine's `unix://` address, or %NULL for This Computer
 *
 * A region on the Docker-compatible engine (Podman or Docker) at @address.
 * With %NULL, This Computer: the engine of this computer, found on its
 * usual sockets; its id is "local" in every language. A region at an
 * address is named by its "id" property (studio_regions_new_region()).
 *
 * Returns: (transfer full): a new region
 */
StudioRegion *
studio_engine_region_new (const char *address)
{
  return g_object_new (STUDIO_TYPE_ENGINE_REGION, "address", address, NULL);
}

/**
 * studio_engine_region_get_address:
 * @self: an engine region
 *
 * The engine's address as given; %NULL for This Computer.
 *
 * Returns: (nullable): the engine's address
 */
const char *
studio_engine_region_get_address (StudioEngineRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_ENGINE_REGION (self), NULL);
  return self->address;
}

StudioEngine *
studio_engine_region_get_engine (StudioEngineRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_ENGINE_REGION (self), NULL);
  return self->engine;
}

/* How long a launch or start waits for Jupyter before giving up. */
void
studio_engine_region_set_ready_timeout (StudioEngineRegion *self,
                                       guint              seconds)
{
  g_return_if_fail (STUDIO_IS_ENGINE_REGION (self));
  self->ready_timeout = seconds > 0 ? seconds : DEFAULT_READY_TIMEOUT;
}
