/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "studio-enums.h"
#include "studio-compat.h"
#include "studio-jupyter.h"
#include "studio-region-private.h"

typedef struct
{
  char *id;
  char *name;
  char *url;
  char *user;
  char *notice;
  GListStore *workers;
  gboolean available;
  char *status;
  GHashTable *busy;   /* worker name -> StudioWorkerState while this process acts on it */
  GMountOperation *interaction;
} StudioRegionPrivate;

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_URL,
  PROP_USER,
  PROP_NOTICE,
  PROP_CAPABILITIES,
  PROP_WORKERS,
  PROP_SIZES,
  PROP_AVAILABLE,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * StudioRegion:
 *
 * Where workers live: This Computer (#StudioEngineRegion) or a JupyterHub
 * (#StudioHubRegion). A region lists its workers as a live #GListModel,
 * offers sizes and images, and runs the lifecycle verbs (launch, stop,
 * start, terminate, replicate, logs) as asynchronous pairs, each with a
 * blocking variant for scripts. Ask what a region can do with
 * studio_region_can(), never its type.
 */
G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (StudioRegion, studio_region, G_TYPE_OBJECT)

static void
studio_region_finalize (GObject *object)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (STUDIO_REGION (object));

  g_free (priv->id);
  g_free (priv->name);
  g_free (priv->url);
  g_free (priv->user);
  g_free (priv->notice);
  g_clear_object (&priv->workers);
  g_free (priv->status);
  g_clear_pointer (&priv->busy, g_hash_table_unref);
  g_clear_object (&priv->interaction);

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
    case PROP_ID: g_value_set_string (value, priv->id); break;
    case PROP_NAME: g_value_set_string (value, priv->name); break;
    case PROP_URL: g_value_set_string (value, priv->url); break;
    case PROP_USER: g_value_set_string (value, priv->user); break;
    case PROP_NOTICE: g_value_set_string (value, priv->notice); break;
    case PROP_CAPABILITIES: g_value_set_flags (value, studio_region_get_capabilities (STUDIO_REGION (object))); break;
    case PROP_WORKERS: g_value_set_object (value, priv->workers); break;
    case PROP_SIZES: g_value_set_object (value, studio_region_list_sizes (STUDIO_REGION (object))); break;
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
    case PROP_ID: priv->id = g_value_dup_string (value); break;
    case PROP_NAME: priv->name = g_value_dup_string (value); break;
    case PROP_URL: priv->url = g_value_dup_string (value); break;
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
studio_region_constructed (GObject *object)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (STUDIO_REGION (object));

  G_OBJECT_CLASS (studio_region_parent_class)->constructed (object);
  /* A region made with a name only is known by it. */
  if (priv->id == NULL)
    priv->id = g_strdup (priv->name);
  if (priv->name == NULL)
    priv->name = g_strdup (priv->id);
}

static StudioRegionCapabilities
studio_region_real_get_capabilities (StudioRegion *self)
{
  return STUDIO_REGION_CAPABILITIES_NONE;
}

static void
studio_region_real_prepare_launch_async (StudioRegion        *self,
                                         const char          *name,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, studio_region_real_prepare_launch_async);
  g_task_return_pointer (task, g_object_ref (studio_region_list_sizes (self)), g_object_unref);
}

static GListModel *
studio_region_real_prepare_launch_finish (StudioRegion  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
studio_region_real_cancel_launch_async (StudioRegion        *self,
                                        const char          *name,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, studio_region_real_cancel_launch_async);
  g_task_return_boolean (task, TRUE);
}

static gboolean
studio_region_real_cancel_launch_finish (StudioRegion  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
studio_region_class_init (StudioRegionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags readable = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  klass->open_jupyter = studio_region_real_open_jupyter;
  klass->get_capabilities = studio_region_real_get_capabilities;
  _studio_region_class_init_kind (klass);
  klass->prepare_launch_async = studio_region_real_prepare_launch_async;
  klass->prepare_launch_finish = studio_region_real_prepare_launch_finish;
  klass->cancel_launch_async = studio_region_real_cancel_launch_async;
  klass->cancel_launch_finish = studio_region_real_cancel_launch_finish;
  object_class->constructed = studio_region_constructed;
  object_class->finalize = studio_region_finalize;
  object_class->get_property = studio_region_get_property;
  object_class->set_property = studio_region_set_property;

  /**
   * StudioRegion:id:
   *
   * What identifies the region, the same in every language: "local" for
   * This Computer, the name the user gave a hub region.
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, construct);
  /**
   * StudioRegion:name:
   *
   * The region's name for people, translated where it is ours ("This Computer").
   */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, construct);
  /**
   * StudioRegion:url:
   *
   * Where the region is: a hub's address; %NULL for This Computer.
   */
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, construct);
  /**
   * StudioRegion:user:
   *
   * Who the region knows the user as, once it has answered; %NULL where
   * there is no account.
   */
  properties[PROP_USER] = g_param_spec_string ("user", NULL, NULL, NULL, readable);
  /**
   * StudioRegion:notice:
   *
   * Something worth telling the user once, that is not an error (say, which
   * engine was chosen and why); %NULL mostly.
   */
  properties[PROP_NOTICE] = g_param_spec_string ("notice", NULL, NULL, NULL, readable);
  /**
   * StudioRegion:capabilities:
   *
   * What the region can do.
   */
  properties[PROP_CAPABILITIES] = g_param_spec_flags ("capabilities", NULL, NULL,
                                                      STUDIO_TYPE_REGION_CAPABILITIES,
                                                      STUDIO_REGION_CAPABILITIES_NONE,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * StudioRegion:workers:
   *
   * The region's workers, a #GListModel of #StudioWorker kept current by
   * refreshing.
   */
  properties[PROP_WORKERS] = g_param_spec_object ("workers", NULL, NULL, G_TYPE_LIST_MODEL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * StudioRegion:sizes:
   *
   * The sizes a worker may have, a #GListModel of #StudioSize.
   */
  properties[PROP_SIZES] = g_param_spec_object ("sizes", NULL, NULL, G_TYPE_LIST_MODEL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * StudioRegion:available:
   *
   * Whether the region answered when it was last asked.
   */
  properties[PROP_AVAILABLE] = g_param_spec_boolean ("available", NULL, NULL, FALSE, readable);
  /**
   * StudioRegion:status:
   *
   * The region's state in words ("Podman 4.3", "Signed out: sign in again").
   */
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, readable);
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

/**
 * studio_region_get_name:
 * @self: a region
 *
 * The region's name for people.
 *
 * Returns: the region's name for people; see #StudioRegion:name
 */
const char *
studio_region_get_name (StudioRegion *self)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return priv->name;
}

/**
 * studio_region_get_workers:
 * @self: a region
 *
 * The live list of the region's workers; regions keep it current as they refresh.
 *
 * Returns: (transfer none): a #GListModel of #StudioWorker
 */
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

/**
 * studio_region_find_worker:
 * @self: a region
 * @name_or_id: a worker's name, or a prefix of its id of at least four characters
 *
 * A name wins over an id prefix that happens to match another worker.
 *
 * Returns: (transfer none) (nullable): the worker, or %NULL
 */
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

/**
 * studio_region_has_live_updates:
 * @self: a region
 *
 * Whether the region hears of changes as they happen (an event stream), so that nobody needs to poll it while it answers.
 *
 * Returns: whether the region follows its changes live
 */
gboolean
studio_region_has_live_updates (StudioRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  return STUDIO_REGION_GET_CLASS (self)->has_live_updates != NULL &&
         STUDIO_REGION_GET_CLASS (self)->has_live_updates (self);
}

/**
 * studio_region_get_available:
 * @self: a region
 *
 * Whether the region answered when last asked.
 *
 * Returns: whether the region answered when last asked; see #StudioRegion:available
 */
gboolean
studio_region_get_available (StudioRegion *self)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  return priv->available;
}

/**
 * studio_region_get_status:
 * @self: a region
 *
 * The region's state in words.
 *
 * Returns: (nullable): the region's state in words; see #StudioRegion:status
 */
const char *
studio_region_get_status (StudioRegion *self)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return priv->status;
}

/**
 * studio_region_set_status:
 * @self: a region
 * @available: whether the region answered
 * @status: (nullable): its state in words
 *
 * For a kind of region: says whether it answered when last asked, and its
 * state in words (#StudioRegion:available, #StudioRegion:status).
 */
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

/**
 * studio_region_list_sizes:
 * @self: a region
 *
 * The sizes a worker may have, a #GListModel of #StudioSize.
 *
 * Returns: (transfer none): the sizes a worker may have, a #GListModel of #StudioSize
 */
GListModel *
studio_region_list_sizes (StudioRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return STUDIO_REGION_GET_CLASS (self)->list_sizes (self);
}

/**
 * studio_region_find_size:
 * @self: a region
 * @id_or_name: a size's id or name, in any case
 *
 * The size, or %NULL.
 *
 * Returns: (transfer none) (nullable): the size, or %NULL
 */
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

/**
 * studio_region_list_images:
 * @self: a region
 *
 * Images known to work, for a launch to offer; any image reference may be launched on a region with %STUDIO_REGION_CAPABILITIES_IMAGES.
 *
 * Returns: (transfer none) (array zero-terminated=1): image references
 */
const char * const *
studio_region_list_images (StudioRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return STUDIO_REGION_GET_CLASS (self)->list_images (self);
}

/**
 * studio_region_suggest_name:
 * @self: a region
 * @base: the name wanted
 *
 * A name for a new worker that no worker of the region has.
 *
 * Returns: (transfer full): @base, or "base-2", "base-3", …: the first name no worker of the region has
 */
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

/**
 * studio_region_get_id:
 * @self: a region
 *
 * What identifies the region in every language.
 *
 * Returns: what identifies the region in every language; see #StudioRegion:id
 */
const char *
studio_region_get_id (StudioRegion *self)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return priv->id;
}

/**
 * studio_region_get_url:
 * @self: a region
 *
 * Where the region is.
 *
 * Returns: (nullable): where the region is; see #StudioRegion:url
 */
const char *
studio_region_get_url (StudioRegion *self)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return priv->url;
}

/**
 * studio_region_get_user:
 * @self: a region
 *
 * Who the region knows the user as.
 *
 * Returns: (nullable): who the region knows the user as; see #StudioRegion:user
 */
const char *
studio_region_get_user (StudioRegion *self)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return priv->user;
}

/**
 * studio_region_get_notice:
 * @self: a region
 *
 * Something worth telling the user once.
 *
 * Returns: (nullable): something worth telling the user once; see #StudioRegion:notice
 */
const char *
studio_region_get_notice (StudioRegion *self)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return priv->notice;
}

static void
set_string_property (StudioRegion  *self,
                     char         **field,
                     const char    *value,
                     guint          prop)
{
  if (g_set_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* For a kind of region with an identity of its own (This Computer), when it
 * is built without one. */
void
studio_region_set_identity (StudioRegion *self,
                            const char   *id,
                            const char   *name)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_if_fail (STUDIO_IS_REGION (self));
  if (priv->id == NULL)
    priv->id = g_strdup (id);
  if (priv->name == NULL)
    priv->name = g_strdup (name);
}

void
studio_region_set_user (StudioRegion *self,
                        const char   *user)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_if_fail (STUDIO_IS_REGION (self));
  set_string_property (self, &priv->user, user, PROP_USER);
}

void
studio_region_set_url (StudioRegion *self,
                       const char   *url)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_if_fail (STUDIO_IS_REGION (self));
  set_string_property (self, &priv->url, url, PROP_URL);
}

void
studio_region_set_notice (StudioRegion *self,
                          const char   *notice)
{
  StudioRegionPrivate *priv = studio_region_get_instance_private (self);

  g_return_if_fail (STUDIO_IS_REGION (self));
  set_string_property (self, &priv->notice, notice, PROP_NOTICE);
}

/**
 * studio_region_get_capabilities:
 * @self: a region
 *
 * What the region can do.
 *
 * Returns: what the region can do
 */
StudioRegionCapabilities
studio_region_get_capabilities (StudioRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), STUDIO_REGION_CAPABILITIES_NONE);
  return STUDIO_REGION_GET_CLASS (self)->get_capabilities (self);
}

/**
 * studio_region_can:
 * @self: a region
 * @capabilities: one or more capabilities
 *
 * Whether the region has all of @capabilities.
 *
 * Returns: whether the region has all of @capabilities
 */
gboolean
studio_region_can (StudioRegion             *self,
                   StudioRegionCapabilities  capabilities)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  return (studio_region_get_capabilities (self) & capabilities) == capabilities;
}

/**
 * studio_region_set_watched:
 * @self: a region
 * @watched: whether someone shows the region
 *
 * While watched, a region that can hear of changes as they happen (an
 * engine's event stream) follows them, so its workers are current without
 * polling; see studio_region_has_live_updates(). #StudioWatcher does this
 * for the regions it watches.
 */
void
studio_region_set_watched (StudioRegion *self,
                           gboolean      watched)
{
  g_return_if_fail (STUDIO_IS_REGION (self));
  if (STUDIO_REGION_GET_CLASS (self)->set_watched != NULL)
    STUDIO_REGION_GET_CLASS (self)->set_watched (self, watched);
}

/**
 * studio_region_trusts_certificate:
 * @self: a region
 * @certificate: a certificate the system does not trust
 *
 * Whether the user trusted @certificate for this region (its SHA-256
 * fingerprint was pinned when the region was added), so that a web view may
 * accept it for the region's pages.
 *
 * Returns: %TRUE if the user trusts @certificate here
 */
gboolean
studio_region_trusts_certificate (StudioRegion    *self,
                                  GTlsCertificate *certificate)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  g_return_val_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate), FALSE);
  return certificate != NULL && STUDIO_REGION_GET_CLASS (self)->trusts_certificate != NULL &&
         STUDIO_REGION_GET_CLASS (self)->trusts_certificate (self, certificate);
}

/**
 * studio_region_use_token:
 * @self: a region with %STUDIO_REGION_CAPABILITIES_SIGN_IN
 * @token: (nullable): an API token, or %NULL to use the one kept in the
 *   Secret Service again
 *
 * Signs in with @token instead of the token kept for the region (a script's
 * own token, say). Regions without accounts ignore it.
 */
void
studio_region_use_token (StudioRegion *self,
                         const char   *token)
{
  g_return_if_fail (STUDIO_IS_REGION (self));
  if (STUDIO_REGION_GET_CLASS (self)->use_token != NULL)
    STUDIO_REGION_GET_CLASS (self)->use_token (self, token);
}

/**
 * studio_region_prepare_launch_async:
 * @self: a region
 * @name: the name the new worker will have
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the sizes are known
 * @user_data: data for @callback
 *
 * Finds the sizes offered for a new worker called @name. Most regions know
 * them at once (#StudioRegion:sizes); a region with
 * %STUDIO_REGION_CAPABILITIES_SIZES_PER_LAUNCH (a hub with profiles) asks,
 * which may begin a record of the worker on it: launch @name next, or undo
 * it with studio_region_cancel_launch_async().
 */
void
studio_region_prepare_launch_async (StudioRegion        *self,
                                    const char          *name,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_REGION (self));
  g_return_if_fail (name != NULL);
  STUDIO_REGION_GET_CLASS (self)->prepare_launch_async (self, name, cancellable, callback, user_data);
}

/**
 * studio_region_prepare_launch_finish:
 * @self: a region
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * A #GListModel of #StudioSize, or %NULL with @error set.
 *
 * Returns: (transfer full): a #GListModel of #StudioSize, or %NULL with @error set
 */
GListModel *
studio_region_prepare_launch_finish (StudioRegion  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return STUDIO_REGION_GET_CLASS (self)->prepare_launch_finish (self, result, error);
}

/**
 * studio_region_cancel_launch_async:
 * @self: a region
 * @name: the name given to studio_region_prepare_launch_async()
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Removes what studio_region_prepare_launch_async() began, when the user
 * does not launch after all.
 */
void
studio_region_cancel_launch_async (StudioRegion        *self,
                                   const char          *name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_REGION (self));
  g_return_if_fail (name != NULL);
  STUDIO_REGION_GET_CLASS (self)->cancel_launch_async (self, name, cancellable, callback, user_data);
}

/**
 * studio_region_cancel_launch_finish:
 * @self: a region
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * %TRUE when nothing of the launch is left.
 *
 * Returns: %TRUE when nothing of the launch is left
 */
gboolean
studio_region_cancel_launch_finish (StudioRegion  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), FALSE);
  return STUDIO_REGION_GET_CLASS (self)->cancel_launch_finish (self, result, error);
}

/**
 * studio_region_set_interaction:
 * @self: a region
 * @interaction: (nullable): how to ask the user, or %NULL for never
 *
 * How the region asks the user for what it cannot know (a key's passphrase
 * or a password for a machine reached with ssh): its #GMountOperation::ask-password
 * is emitted with the question, and the answer is used once and not kept.
 * A window gives a #GtkMountOperation, a command line one that reads the
 * terminal. #StudioRegions gives its own to each of its regions.
 */
void
studio_region_set_interaction (StudioRegion    *self,
                               GMountOperation *interaction)
{
  StudioRegionPrivate *priv;

  g_return_if_fail (STUDIO_IS_REGION (self));
  g_return_if_fail (interaction == NULL || G_IS_MOUNT_OPERATION (interaction));
  priv = studio_region_get_instance_private (self);
  g_set_object (&priv->interaction, interaction);
}

/**
 * studio_region_get_interaction:
 * @self: a region
 *
 * How the region asks the user (studio_region_set_interaction()).
 *
 * Returns: (nullable) (transfer none): the interaction, or %NULL
 */
GMountOperation *
studio_region_get_interaction (StudioRegion *self)
{
  g_return_val_if_fail (STUDIO_IS_REGION (self), NULL);
  return ((StudioRegionPrivate *) studio_region_get_instance_private (self))->interaction;
}
