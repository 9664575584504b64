#include "studio-compat.h"
#include "studio-jupyter.h"
#include "studio-region.h"

typedef struct
{
  char *name;
  GListStore *workers;
  gboolean available;
  char *status;
  GHashTable *busy;   /* worker name -> StudioWorkerState while this process acts on it */
} StudioRegionPrivate;

enum {
  PROP_0,
  PROP_NAME,
  PROP_WORKERS,
  PROP_AVAILABLE,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (StudioRegion, studio_region, G_TYPE_OBJECT)

static void
studio_region_finalize (GObject *object)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (STUDIO_REGION (object));

  g_free (priv->name);
  g_clear_object (&priv->workers);
  g_free (priv->status);
  g_clear_pointer (&priv->busy, g_hash_table_unref);

  G_OBJECT_CLASS (studio_region_parent_class)->finalize (object);
}

static void
studio_region_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (STUDIO_REGION (object));

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, priv->name); break;
    case PROP_WORKERS: g_value_set_object (value, priv->workers); break;
    case PROP_AVAILABLE: g_value_set_boolean (value, priv->available); break;
    case PROP_STATUS: g_value_set_string (value, priv->status); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_region_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (STUDIO_REGION (object));

  switch (prop_id)
    {
    case PROP_NAME: priv->name = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static StudioJupyter *
studio_region_real_open_jupyter (StudioRegion *self,
                                 StudioWorker *worker)
{
  return studio_jupyter_new (NULL, studio_worker_get_jupyter_url (worker), studio_worker_get_token (worker));
}

static void
studio_region_class_init (StudioRegionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  klass->open_jupyter = studio_region_real_open_jupyter;
  object_class->finalize = studio_region_finalize;
  object_class->get_property = studio_region_get_property;
  object_class->set_property = studio_region_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKERS] =
    g_param_spec_object ("workers", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_region_init (StudioRegion *self)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  priv->workers = g_list_store_new (STUDIO_TYPE_WORKER);
  priv->busy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* While this process launches, stops, starts or terminates a worker, its state
 * is what we are doing, whatever a refresh in between reads. */
void
studio_region_mark_busy (StudioRegion      *self,
                         StudioWorker      *worker,
                         StudioWorkerState  state)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_if_fail (STUDIO_IS_REGION (self));
  g_hash_table_insert (priv->busy, g_strdup (studio_worker_get_name (worker)), GUINT_TO_POINTER (state));
  studio_worker_set_state (worker, state);
}

void
studio_region_unmark_busy (StudioRegion *self,
                           StudioWorker *worker)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_if_fail (STUDIO_IS_REGION (self));
  g_hash_table_remove (priv->busy, studio_worker_get_name (worker));
}

gboolean
studio_region_is_busy (StudioRegion      *self,
                       const char        *name,
                       StudioWorkerState *state)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);
  gpointer value;

  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  if (!g_hash_table_lookup_extended (priv->busy, name, NULL, &value))
    return FALSE;
  if (state != NULL)
    *state = GPOINTER_TO_UINT (value);
  return TRUE;
}

const char *
studio_region_get_name (StudioRegion *self)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return priv->name;
}

/* The live list of the region's workers; regions keep it current by refreshing. */
GListModel *
studio_region_get_workers (StudioRegion *self)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return G_LIST_MODEL (priv->workers);
}

GListStore *
studio_region_get_store (StudioRegion *self)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return priv->workers;
}

StudioWorker *
studio_region_find_worker (StudioRegion *self,
                           const char   *name_or_id)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);
  guint n;

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (priv->workers));
  /* A name wins over an id prefix that happens to match another worker. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(StudioWorker) worker = g_list_model_get_item (G_LIST_MODEL (priv->workers), i);

        if (pass == 0 ? g_strcmp0 (studio_worker_get_name (worker), name_or_id) == 0
                      : studio_worker_matches (worker, name_or_id))
          return worker;
      }
  return NULL;
}

gboolean
studio_region_has_live_updates (StudioRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  return STUDIO_REGION_GET_CLASS (self)->has_live_updates != NULL &&
         STUDIO_REGION_GET_CLASS (self)->has_live_updates (self);
}

gboolean
studio_region_get_available (StudioRegion *self)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  return priv->available;
}

const char *
studio_region_get_status (StudioRegion *self)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return priv->status;
}

void
studio_region_set_status (StudioRegion *self,
                          gboolean      available,
                          const char   *status)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_if_fail (STUDIO_IS_REGION (self));

  if (g_set_str (&priv->status, status))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  if (priv->available != !!available)
    {
      priv->available = !!available;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
    }
}

GListModel *
studio_region_list_sizes (StudioRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return STUDIO_REGION_GET_CLASS (self)->list_sizes (self);
}

StudioSize *
studio_region_find_size (StudioRegion *self,
                         const char   *id_or_name)
{
  GListModel *sizes;

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);

  sizes = studio_region_list_sizes (self);
  for (guint i = 0; i < g_list_model_get_n_items (sizes); i++)
    {
      g_autoptr(StudioSize) size = g_list_model_get_item (sizes, i);

      if (studio_size_matches (size, id_or_name))
        return size;
    }
  return NULL;
}

const char * const *
studio_region_list_images (StudioRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return STUDIO_REGION_GET_CLASS (self)->list_images (self);
}

/* "base", or "base-2", "base-3", ... : the first name no worker of the region has. */
char *
studio_region_suggest_name (StudioRegion *self,
                            const char   *base)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  g_return_val_if_fail (base != NULL, NULL);

  if (studio_region_find_worker (self, base) == NULL)
    return g_strdup (base);
  for (guint i = 2; ; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u", base, i);

      if (studio_region_find_worker (self, name) == NULL)
        return g_steal_pointer (&name);
    }
}

void
studio_region_refresh_async (StudioRegion        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_REGION (self));
  STUDIO_REGION_GET_CLASS (self)->refresh_async (self, cancellable, callback, user_data);
}

gboolean
studio_region_refresh_finish (StudioRegion  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  return STUDIO_REGION_GET_CLASS (self)->refresh_finish (self, result, error);
}

/* Returns the worker being launched (transfer none), already in the region's
 * list, so that callers can follow its progress; the callback gets the outcome. */
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

/* Stopping a stopped worker, or starting a running one, succeeds and changes nothing. */
void
studio_region_stop_async (StudioRegion *self, StudioWorker *worker, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  act_async (self, worker, STUDIO_WORKER_ACTION_STOP, cancellable, callback, user_data);
}

gboolean
studio_region_stop_finish (StudioRegion *self, GAsyncResult *result, GError **error)
{
  return act_finish (self, result, error);
}

void
studio_region_start_async (StudioRegion *self, StudioWorker *worker, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  act_async (self, worker, STUDIO_WORKER_ACTION_START, cancellable, callback, user_data);
}

gboolean
studio_region_start_finish (StudioRegion *self, GAsyncResult *result, GError **error)
{
  return act_finish (self, result, error);
}

void
studio_region_terminate_async (StudioRegion *self, StudioWorker *worker, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  act_async (self, worker, STUDIO_WORKER_ACTION_TERMINATE, cancellable, callback, user_data);
}

gboolean
studio_region_terminate_finish (StudioRegion *self, GAsyncResult *result, GError **error)
{
  return act_finish (self, result, error);
}

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

StudioWorker *
studio_region_replicate_finish (StudioRegion  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return STUDIO_REGION_GET_CLASS (self)->replicate_finish (self, result, error);
}

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

/* Counts as activity for Jupyter's idle shutdown: any authenticated API call
 * does (except /api/status, which Jupyter leaves out on purpose). */
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

gboolean
studio_region_keep_running_finish (StudioRegion  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A client of the worker's Jupyter server, reaching it as the region does
 * (the same TLS trust, for a hub). NULL while the worker has no server URL. */
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
